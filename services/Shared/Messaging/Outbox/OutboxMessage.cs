namespace Medimail.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, saved in the same transaction as the state change it reports.
/// A row is never deleted before it is published: <see cref="SentAt"/> stays null until the broker confirmed it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    /// <summary>Full CLR name of a contract in <c>Medimail.Contracts</c>.</summary>
    public string MessageType { get; set; } = "";
    public string Payload { get; set; } = "";
    public string? CorrelationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>
    /// The bulk job holding the row back until it ends (<see cref="OutboxHolds"/>); null for every other row, and once
    /// released. While held, <see cref="NextAttemptAt"/> is the latest the row waits.
    /// </summary>
    public string? HeldBy { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
