namespace Medimail.Messaging.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    /// <summary>Rows claimed per transaction.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>How often the relay looks when nobody woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long one publish may wait for the broker's confirm before the row is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// Payload characters (JSON) published and not yet confirmed, at most: the relay's memory for large rows. The
    /// default holds about fifteen import events of 500 accounts; small events never reach it.
    /// </summary>
    public int MaxUnconfirmedBytes { get; set; } = 4 * 1024 * 1024;
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How long published rows are kept for investigation before the cleanup deletes them.</summary>
    public TimeSpan RetainSent { get; set; } = TimeSpan.FromDays(7);
    /// <summary>
    /// How long a consumer remembers a message it applied. Must outlast any redelivery: a message redelivered after
    /// its record is gone would be applied twice.
    /// </summary>
    public TimeSpan RetainProcessed { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
