namespace Medimail.Mailbox.Messages;

/// <summary>
/// Bounds of one message (settings <c>Messages__*</c>), so the cost of a request stays bounded by its size.
/// 25 MB in all is what MSSanté operators commonly accept.
/// </summary>
public sealed class MessageLimits
{
    public const string Section = "Messages";

    public int MaxAttachments { get; set; } = 20;
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;
    public int MaxRecipients { get; set; } = 100;
    public int MaxBodyChars { get; set; } = 1_000_000;
    public int MaxSubjectChars { get; set; } = 998;
}
