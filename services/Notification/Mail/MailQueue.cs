using MassTransit;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;
using NpgsqlTypes;

namespace Medimail.Notification.Mail;

/// <summary>One mail to queue: whom, which template, its values, and what it belongs to.</summary>
public sealed record MailRequest(string Recipient, string Kind, IReadOnlyDictionary<string, string> Values, string? StructureId, string? RelaunchId);

/// <summary>
/// Renders mails and writes them to the queue in the caller's transaction, in one COPY whatever their number (a
/// batch of invitations is hundreds of rows); <see cref="MailSender"/> delivers them once the caller commits.
/// </summary>
public sealed class MailQueue(MailTemplates templates, SmtpOptions smtp, TimeProvider clock)
{
    private readonly string fromAddress = smtp.FromAddress.Address;
    private readonly MimeComposer composer = new(smtp.FromAddress);

    /// <summary>
    /// Renders the mail and composes its message once, here, so that sending it is only writing the bytes. A recipient
    /// that is not an address is still queued, with its rendered bodies: its first attempt fails it for good.
    /// </summary>
    public MailNotification Render(MailRequest request)
    {
        var address = request.Recipient.Trim().ToLowerInvariant();
        if (address.Length == 0)
            throw new ArgumentException("A notification needs a recipient address.", nameof(request));
        var id = NewId.NextSequentialGuid();
        var rendered = templates.Render(request.Kind, request.Values);
        var messageId = MessageIds.For(id, fromAddress);
        var now = clock.GetUtcNow();
        return MailNotification.Queue(id, address, request.Kind, rendered, ComposeOrNull(address, rendered, messageId, now),
            messageId, now, request.StructureId, string.IsNullOrWhiteSpace(request.RelaunchId) ? null : request.RelaunchId);
    }

    private byte[]? ComposeOrNull(string address, RenderedMail rendered, string messageId, DateTimeOffset now)
    {
        try
        {
            return composer.Compose(address, rendered, messageId, now);
        }
        catch (ParseException)
        {
            return null;
        }
    }

    /// <summary>Queues the mails with COPY on the caller's connection; the caller must hold a transaction (its commit publishes them).</summary>
    public async Task<IReadOnlyList<MailNotification>> QueueAsync(NotificationDbContext db, IEnumerable<MailRequest> requests,
        CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Mail is queued inside the caller's transaction.");
        var mails = requests.Select(Render).ToList();
        if (mails.Count == 0)
            return mails;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY notifications (id, recipient, kind, subject, content, text_body, html_body, state, attempts, last_error,
                                next_attempt_at, message_id, created_at, sent_at, relaunch_id, structure_id) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var mail in mails)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(mail.Id, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(mail.Recipient, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(mail.Kind, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(mail.Subject, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(copy, mail.Content, NpgsqlDbType.Bytea, cancellationToken);
            await WriteNullableAsync(copy, mail.TextBody, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, mail.HtmlBody, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(mail.State, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(mail.Attempts, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteNullAsync(cancellationToken);
            await copy.WriteAsync(mail.NextAttemptAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(mail.MessageId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(mail.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteNullAsync(cancellationToken);
            await WriteNullableAsync(copy, mail.RelaunchId, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(copy, mail.StructureId, NpgsqlDbType.Varchar, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
        return mails;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
