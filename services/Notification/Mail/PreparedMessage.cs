using System.Text;
using MailKit.Net.Smtp;
using MimeKit;

namespace Medimail.Notification.Mail;

/// <summary>
/// A message composed and prepared when it was queued (<see cref="MimeComposer"/>), handed to MailKit so that writing
/// it — once to measure it for SIZE, once for DATA — copies the stored bytes instead of serialising MIME parts again,
/// and preparing it has nothing left to do.
/// </summary>
public static class PreparedMessage
{
    /// <summary>
    /// The stored bytes, for a server that announces 8BITMIME or for 7-bit content; otherwise the parsed message, which
    /// MailKit re-encodes for a 7-bit server like any other (the rare, slow path).
    /// </summary>
    public static MimeMessage For(byte[] content, SmtpCapabilities capabilities)
    {
        var eightBit = !Ascii.IsValid(content);
        if (eightBit && !capabilities.HasFlag(SmtpCapabilities.EightBitMime))
            return MimeMessage.Load(new MemoryStream(content, writable: false));

        // MimeKit writes a message as its headers, a blank line, then its body's content. The stored header block
        // becomes the raw value of its first header, which MimeKit does not interpret (MimeComposer writes
        // Auto-Submitted first), so it goes out byte for byte; the body writes the rest.
        var colon = content.AsSpan().IndexOf((byte)':');
        var blankLine = content.AsSpan().IndexOf("\r\n\r\n"u8);
        if (colon <= 0 || blankLine < colon)
            throw new InvalidOperationException("The stored message has no header block.");
        var headers = new Header(Encoding.ASCII.GetString(content, 0, colon), "");
        headers.SetRawValue(content[(colon + 1)..(blankLine + 2)]);
        return new MimeMessage((IEnumerable<Header>)[headers]) { Body = new StoredBody(content, blankLine + 4, eightBit) };
    }

    /// <summary>The stored bytes after the header block, written as they are.</summary>
    private sealed class StoredBody : MimeEntity
    {
        /// <summary>What MailKit's encoding visitor sees of an 8bit body, so that MAIL FROM declares BODY=8BITMIME.</summary>
        private static readonly MimePart EightBitPart = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.EightBit };

        private readonly byte[] content;
        private readonly int start;
        private readonly bool eightBit;

        public StoredBody(byte[] content, int start, bool eightBit) : base(new ContentType("multipart", "mixed"))
        {
            this.content = content;
            this.start = start;
            this.eightBit = eightBit;
            // Its Content-Type is already in the stored header block.
            Headers.Clear();
        }

        public override void Accept(MimeVisitor visitor)
        {
            if (eightBit)
                visitor.Visit(EightBitPart);
        }

        // Prepared at queueing for 8BITMIME and lines of at most 998 characters: nothing to re-encode.
        public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78) { }

        // As stored, CRLF line ends included, whatever the options: SmtpClient asks for CRLF anyway.
        public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly = false, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(content, start, content.Length - start);
        }

        public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly = false, CancellationToken cancellationToken = default) =>
            stream.WriteAsync(content, start, content.Length - start, cancellationToken);
    }
}
