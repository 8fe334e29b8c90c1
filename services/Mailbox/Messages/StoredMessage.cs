namespace Medimail.Mailbox.Messages;

/// <summary>
/// One message, stored once however many boxes hold it: each box sees it through a <see cref="MailboxEntry"/>.
/// <see cref="RequestKey"/> (caller and request id) makes sending idempotent per caller.
/// </summary>
public sealed class StoredMessage
{
    public Guid Id { get; set; }
    public string FromAddress { get; set; } = "";
    public string FromDisplayName { get; set; } = "";
    public string? ReplyTo { get; set; }
    public List<string> To { get; set; } = [];
    public List<string> Cc { get; set; } = [];
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string SentBy { get; set; } = "";
    public string? RequestKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<MessageAttachment> Attachments { get; set; } = [];
}

/// <summary>A file of a message: its name and type here, its bytes in <see cref="AttachmentContent"/> by SHA-256.</summary>
public sealed class MessageAttachment
{
    public Guid MessageId { get; set; }
    public int Position { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Size { get; set; }
}

/// <summary>The bytes of a file, content-addressed: the same PDF sent to ten boxes, or twice, is stored once.</summary>
public sealed class AttachmentContent
{
    public string Sha256 { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
}

/// <summary>A message in one folder of one box. Deleting a message from a box removes this row only.</summary>
public sealed class MailboxEntry
{
    public string BoxAddress { get; set; } = "";
    public string Folder { get; set; } = "";
    public Guid MessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Folders
{
    public const string Inbox = "INBOX";
    public const string Sent = "SENT";

    public static bool IsKnown(string folder) => folder is Inbox or Sent;
}
