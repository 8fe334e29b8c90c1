namespace Medimail.Messaging.Outbox;

/// <summary>Proof that a consumer already applied a message, written in the same transaction as its effect.</summary>
public sealed class ProcessedMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}
