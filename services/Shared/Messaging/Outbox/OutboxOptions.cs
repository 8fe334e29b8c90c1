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
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);
}
