using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Medimail.Notification.Domain;
using MimeKit;
using MimeKit.Utils;

namespace Medimail.Notification.Mail;

/// <summary>
/// The message of a mail, composed once when it is queued, as the bytes every attempt sends (RFC 5322, CRLF line
/// ends): the stored subject and bodies, the Message-ID and Date fixed at queueing, plain text first and HTML as the
/// preferred alternative, Auto-Submitted to keep out-of-office replies away (RFC 3834).
/// Every mail of the platform has that one shape, so it is written directly — what MimeKit would write, without
/// building and serialising a MIME tree per mail. MimeKit composes what falls outside the shape: a non-ASCII
/// address, a line too long or a character that 8bit cannot carry (it then chooses another transfer encoding).
/// </summary>
public sealed class MimeComposer
{
    /// <summary>The longest line SMTP allows (RFC 5321: 1,000 with CRLF): longer ones need quoted-printable.</summary>
    private const int MaxLineLength = 998;
    private const int MaxCachedSubjects = 256;

    private static readonly FormatOptions Wire = CreateWireFormat();

    private readonly MailboxAddress from;
    private readonly byte[] fromHeader;
    /// <summary>Encoded Subject headers: a template's subject is the same for most of its mails.</summary>
    private readonly ConcurrentDictionary<string, byte[]> subjectHeaders = new(StringComparer.Ordinal);

    public MimeComposer(MailboxAddress from)
    {
        this.from = from;
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        fromHeader = HeaderBytes(message.Headers.First(h => h.Id == HeaderId.From));
    }

    /// <summary>The message's bytes. Throws <see cref="ParseException"/> when the recipient is not an address.</summary>
    public byte[] Compose(string recipient, RenderedMail mail, string messageId, DateTimeOffset date)
    {
        var to = MailboxAddress.Parse(recipient);
        var direct = to.Address == recipient && Ascii.IsValid(recipient) && Ascii.IsValid(messageId);
        return (direct ? TryWrite(recipient, mail, messageId, date) : null) ?? ComposeWithMimeKit(to, mail, messageId, date);
    }

    /// <summary>The content of a mail stored without one (see <see cref="MailNotification.Content"/>), composed now.</summary>
    public byte[] ContentOf(MailNotification mail) => mail.Content
        ?? Compose(mail.Recipient, new RenderedMail(mail.Subject, mail.TextBody ?? "", mail.HtmlBody ?? ""), mail.MessageId, mail.CreatedAt);

    private byte[]? TryWrite(string recipient, RenderedMail mail, string messageId, DateTimeOffset date)
    {
        var boundary = "=-" + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var output = new ArrayBufferWriter<byte>(Encoding.UTF8.GetMaxByteCount(mail.TextBody.Length + mail.HtmlBody.Length) / 2 + 1024);
        WriteAscii(output, "Auto-Submitted: auto-generated\r\n");
        output.Write(fromHeader);
        WriteAscii(output, $"Date: {DateUtils.FormatDate(date)}\r\n");
        output.Write(SubjectHeader(mail.Subject));
        WriteAscii(output, $"Message-Id: <{messageId}>\r\nTo: {recipient}\r\n");
        WriteAscii(output, $"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n");
        if (!TryWritePart(output, boundary, "plain", mail.TextBody) || !TryWritePart(output, boundary, "html", mail.HtmlBody))
            return null;
        WriteAscii(output, $"--{boundary}--\r\n");
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One text part in UTF-8: 7bit when ASCII, else 8bit (as MimeKit prepares it for an 8BITMIME server). False when
    /// a line is too long or holds a lone CR or a NUL: MimeKit then encodes the whole message.
    /// </summary>
    private static bool TryWritePart(ArrayBufferWriter<byte> output, string boundary, string subtype, string body)
    {
        var text = body.Contains('\r') ? body.Replace("\r\n", "\n") : body;
        if (text.AsSpan().IndexOfAny('\r', '\0') >= 0)
            return false;
        WriteAscii(output, $"--{boundary}\r\nContent-Type: text/{subtype}; charset=utf-8\r\n");
        WriteAscii(output, Ascii.IsValid(text) ? "\r\n" : "Content-Transfer-Encoding: 8bit\r\n\r\n");
        // Split at LF only: other Unicode line separators are content.
        for (var rest = text.AsSpan(); ;)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length) + 2);
            var length = Encoding.UTF8.GetBytes(line, span);
            if (length > MaxLineLength)
                return false;
            span[length] = (byte)'\r';
            span[length + 1] = (byte)'\n';
            output.Advance(length + 2);
            if (end < 0)
                return true;
            rest = rest[(end + 1)..];
        }
    }

    private byte[] SubjectHeader(string subject)
    {
        if (subjectHeaders.TryGetValue(subject, out var cached))
            return cached;
        var header = HeaderBytes(new Header(Encoding.UTF8, HeaderId.Subject, subject));
        if (subjectHeaders.Count < MaxCachedSubjects)
            subjectHeaders.TryAdd(subject, header);
        return header;
    }

    /// <summary>"Name:" and MimeKit's encoded, folded value, with CRLF line ends.</summary>
    private static byte[] HeaderBytes(Header header)
    {
        var value = Encoding.ASCII.GetString(header.RawValue).ReplaceLineEndings("\r\n");
        return Encoding.ASCII.GetBytes($"{header.Field}:{value}");
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text)
    {
        var length = Encoding.ASCII.GetBytes(text, output.GetSpan(text.Length));
        output.Advance(length);
    }

    internal byte[] ComposeWithMimeKit(MailboxAddress to, RenderedMail mail, string messageId, DateTimeOffset date)
    {
        using var message = new MimeMessage { Subject = mail.Subject, MessageId = messageId, Date = date };
        // First: PreparedMessage carries the whole header block as the value of the first header, which must be one
        // that MimeKit does not interpret.
        message.Headers.Insert(0, new Header("Auto-Submitted", "auto-generated"));
        // A copy: MimeKit subscribes each message to its addresses' changes, so one shared instance would keep every message alive.
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.Add(to);
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        message.Prepare(EncodingConstraint.EightBit, MaxLineLength);
        using var bytes = new MemoryStream(4096);
        message.WriteTo(Wire, bytes);
        return bytes.ToArray();
    }

    private static FormatOptions CreateWireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
