using System.Buffers;
using Medimail.Mailbox.Domain;
using Medimail.Mailbox.Messages;
using Medimail.Mailbox.Traces;
using Medimail.ServiceDefaults.Errors;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Medimail.Mailbox.Submission;

/// <summary>
/// The MIME message (MimeKit) becomes the same <see cref="OutgoingMessage"/> as <c>SendMessage</c>: same rules,
/// limits, Reply-To, traces, and idempotency on its Message-ID. The envelope decides who receives it; the To and Cc
/// headers only sort envelope recipients into to and cc.
/// </summary>
public sealed class SubmissionStore(IServiceScopeFactory scopes, ILogger<SubmissionStore> logger) : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var actor = new Actor(SubmissionFilter.CallerOf(context), TraceChannels.Smtp);
        var from = Addresses.Normalize(transaction.From.AsAddress());
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var outgoing = await ParseAsync(from, transaction, buffer, cancellationToken);
            var (message, created) = await scope.ServiceProvider.GetRequiredService<MessageSender>().SendAsync(actor, outgoing, cancellationToken);
            return new SmtpResponse(SmtpReplyCode.Ok, created ? $"Queued as {message.Id}" : $"Already delivered as {message.Id}");
        }
        catch (DomainException ex)
        {
            await scope.ServiceProvider.GetRequiredService<TraceLog>().RecordRefusedAsync(actor, from, TraceActions.Send, null, ex.Message);
            var text = ex is ValidationFailedException invalid
                ? string.Join(" ; ", invalid.Violations.Select(v => $"{v.Field} : {v.Description}"))
                : ex.Message;
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, SmtpText.Of(text));
        }
        catch (FormatException ex)
        {
            logger.LogInformation(ex, "SMTP submission: unreadable MIME message");
            return new SmtpResponse(SmtpReplyCode.SyntaxError, "Message MIME illisible.");
        }
    }

    private static async Task<OutgoingMessage> ParseAsync(string from, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        using var stream = new SequenceStream(buffer);
        var mime = await MimeMessage.LoadAsync(stream, cancellationToken);
        var envelope = transaction.To.Select(m => Addresses.Normalize(m.AsAddress())).Distinct().ToList();
        var ccHeader = mime.Cc.Mailboxes.Select(m => Addresses.Normalize(m.Address)).ToHashSet(StringComparer.Ordinal);
        var cc = envelope.Where(ccHeader.Contains).ToList();
        var to = envelope.Where(a => !ccHeader.Contains(a)).ToList();

        var attachments = new List<OutgoingAttachment>();
        foreach (var part in mime.Attachments.OfType<MimePart>())
        {
            // Decoded once into memory the message limit already bounds (SMTP SIZE and Messages__MaxAttachmentBytes).
            if (part.Content is null)
                continue;
            var content = new MemoryStream();
            await part.Content.DecodeToAsync(content, cancellationToken);
            attachments.Add(new OutgoingAttachment(part.FileName ?? "", part.ContentType.MimeType,
                new ReadOnlyMemory<byte>(content.GetBuffer(), 0, (int)content.Length)));
        }
        return new OutgoingMessage(from, to, cc, mime.Subject ?? "", mime.TextBody ?? mime.HtmlBody ?? "", attachments, mime.MessageId ?? "");
    }

    /// <summary>A read-only stream over the DATA the server buffered, so MimeKit parses it without another copy.</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private readonly long length = sequence.Length;
        private ReadOnlySequence<byte> remaining = sequence;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var take = (int)Math.Min(buffer.Length, remaining.Length);
            remaining.Slice(0, take).CopyTo(buffer);
            remaining = remaining.Slice(take);
            return take;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => length - remaining.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
