using Medimail.Notification.Domain;
using MimeKit;

namespace Medimail.Notification.Mail;

public static class MimeComposer
{
    /// <summary>
    /// Line ends as SMTP wants them, on every platform: the stored bytes go on the wire unchanged.
    /// </summary>
    private static readonly FormatOptions Wire = CreateWireFormat();

    /// <summary>
    /// The longest line SMTP allows (RFC 5321: 1,000 with CRLF). Within it, a UTF-8 part stays 8bit instead of being
    /// re-encoded in quoted-printable, exactly as MailKit prepares it for a server that announces 8BITMIME.
    /// </summary>
    private const int MaxLineLength = 998;

    /// <summary>
    /// The message of a mail, composed once when it is queued, as the bytes every attempt sends: the stored subject
    /// and bodies, the Message-ID and Date fixed at queueing. Plain text first, HTML as the preferred alternative.
    /// Auto-Submitted keeps out-of-office replies away (RFC 3834). Throws <see cref="ParseException"/> when the
    /// recipient is not an address.
    /// </summary>
    public static byte[] Compose(string recipient, RenderedMail mail, string messageId, DateTimeOffset date, MailboxAddress from)
    {
        using var message = new MimeMessage { Subject = mail.Subject, MessageId = messageId, Date = date };
        // First: PreparedMessage carries the whole header block as the value of the first header, which must be one
        // that MimeKit does not interpret.
        message.Headers.Insert(0, new Header("Auto-Submitted", "auto-generated"));
        // A copy: MimeKit subscribes each message to its addresses' changes, so one shared instance would keep every message alive.
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        message.Prepare(EncodingConstraint.EightBit, MaxLineLength);
        using var bytes = new MemoryStream(4096);
        message.WriteTo(Wire, bytes);
        return bytes.ToArray();
    }

    /// <summary>The content of a mail stored without one (see <see cref="MailNotification.Content"/>), composed now.</summary>
    public static byte[] ContentOf(MailNotification mail, MailboxAddress from) => mail.Content
        ?? Compose(mail.Recipient, new RenderedMail(mail.Subject, mail.TextBody ?? "", mail.HtmlBody ?? ""), mail.MessageId, mail.CreatedAt, from);

    private static FormatOptions CreateWireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
