using System.Security.Cryptography;
using Medimail.Contracts;
using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Medimail.Mailbox.Traces;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Medimail.Mailbox.Messages;

/// <summary>
/// Sends a message, from the API or SMTP submission alike: checks, then stores the message, its files (once per
/// content), one entry per recipient's INBOX and the sender's SENT, the reception notices and the trace in ONE
/// transaction, so recipients see the message only once it is completely stored.
/// </summary>
public sealed class MessageSender(MailboxDbContext db, TraceLog traces, IOptions<MessageLimits> limits, TimeProvider clock,
    ILogger<MessageSender> logger)
{
    /// <summary>The stored message (the first one when the request id was already used) and whether it is new.</summary>
    public async Task<(StoredMessage Message, bool Created)> SendAsync(Actor actor, OutgoingMessage outgoing, CancellationToken cancellationToken)
    {
        outgoing.Validate(limits.Value);
        var address = Addresses.Normalize(outgoing.Address);
        var box = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(b => b.Address == address, cancellationToken);
        MessageAccess.RequireCanSend(actor.Caller, box, address);

        var requestKey = outgoing.RequestId.Length == 0 ? null : $"{actor.Caller.Subject}\n{outgoing.RequestId}";
        if (requestKey is not null && await FindByRequestAsync(requestKey, cancellationToken) is { } earlier)
        {
            await SaveTraceAsync(actor, address, earlier.Id, "Requête déjà traitée : le message n'a pas été renvoyé.", cancellationToken);
            return (earlier, false);
        }

        var recipients = await ResolveRecipientsAsync(outgoing, cancellationToken);
        try
        {
            var message = await StoreAsync(actor, box!, outgoing, recipients, requestKey, cancellationToken);
            return (message, true);
        }
        catch (DbUpdateException ex) when (requestKey is not null && IsUniqueViolation(ex))
        {
            // The same request raced in and won: answer with its message, as for a late repeat.
            db.ChangeTracker.Clear();
            var winner = await FindByRequestAsync(requestKey, cancellationToken) ?? throw new InvalidOperationException("request key vanished");
            return (winner, false);
        }
    }

    private async Task<StoredMessage> StoreAsync(Actor actor, MailboxProjection box, OutgoingMessage outgoing,
        IReadOnlyList<MailboxProjection> recipients, string? requestKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var message = new StoredMessage
        {
            Id = Guid.CreateVersion7(now),
            FromAddress = box.Address,
            FromDisplayName = box.DisplayName,
            ReplyTo = box.Type == MailboxTypes.App ? box.ReturnAddress : null,
            To = outgoing.To.Select(Addresses.Normalize).ToList(),
            Cc = outgoing.Cc.Select(Addresses.Normalize).ToList(),
            Subject = outgoing.Subject,
            Body = outgoing.Body,
            SentBy = actor.Name,
            RequestKey = requestKey,
            CreatedAt = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < outgoing.Attachments.Count; i++)
        {
            var file = outgoing.Attachments[i];
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
            await StoreContentOnceAsync(sha256, file.Content, cancellationToken);
            message.Attachments.Add(new MessageAttachment
            {
                MessageId = message.Id,
                Position = i,
                FileName = file.FileName.Trim(),
                ContentType = ContentTypes.Bare(file.ContentType),
                Sha256 = sha256,
                Size = file.Content.Length,
            });
        }
        db.Messages.Add(message);
        db.MailboxEntries.Add(new MailboxEntry { BoxAddress = box.Address, Folder = Folders.Sent, MessageId = message.Id, CreatedAt = now });
        db.MailboxEntries.AddRange(recipients.Select(r =>
            new MailboxEntry { BoxAddress = r.Address, Folder = Folders.Inbox, MessageId = message.Id, CreatedAt = now }));
        await StageReceptionNoticesAsync(recipients, now, cancellationToken);
        traces.Stage(actor, box.Address, TraceActions.Send, message.Id, $"{recipients.Count} destinataire(s), {message.Attachments.Count} pièce(s) jointe(s)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Message {MessageId} sent from {Box} to {Count} box(es) by {ActorKind}",
            message.Id, box.Address, recipients.Count, actor.Kind);
        return message;
    }

    /// <summary>
    /// The bytes go straight from the request's buffer to PostgreSQL (no copy); a content already stored is not
    /// sent again by the database (ON CONFLICT DO NOTHING).
    /// </summary>
    private async Task StoreContentOnceAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var exists = await db.AttachmentContents.AnyAsync(c => c.Sha256 == sha256, cancellationToken);
        if (exists)
            return;
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO attachment_contents (sha256, size, content) VALUES (@sha256, @size, @content) ON CONFLICT (sha256) DO NOTHING",
            [
                new NpgsqlParameter("sha256", sha256),
                new NpgsqlParameter("size", (long)content.Length),
                new NpgsqlParameter<ReadOnlyMemory<byte>>("content", NpgsqlDbType.Bytea) { TypedValue = content },
            ], cancellationToken);
    }

    /// <summary>
    /// Every recipient by address or MSSanté address; a box named twice gets the message once. Any recipient that
    /// cannot receive refuses the whole message, naming its field.
    /// </summary>
    private async Task<IReadOnlyList<MailboxProjection>> ResolveRecipientsAsync(OutgoingMessage outgoing, CancellationToken cancellationToken)
    {
        var wanted = outgoing.Recipients.ToList();
        var addresses = wanted.Select(w => w.Address).Distinct().ToArray();
        var found = await db.Mailboxes.AsNoTracking()
            .Where(b => addresses.Contains(b.Address) || (b.MssanteAddress != null && addresses.Contains(b.MssanteAddress)))
            .ToListAsync(cancellationToken);
        var byAddress = new Dictionary<string, MailboxProjection>(StringComparer.Ordinal);
        foreach (var box in found)
        {
            if (box.MssanteAddress is not null) byAddress.TryAdd(box.MssanteAddress, box);
        }
        foreach (var box in found)
            byAddress[box.Address] = box;

        var violations = new List<FieldViolation>();
        var boxes = new Dictionary<string, MailboxProjection>(StringComparer.Ordinal);
        foreach (var (field, address) in wanted)
        {
            var box = byAddress.GetValueOrDefault(address);
            if (MessageAccess.RefusalOf(address, box) is { } refusal)
                violations.Add(new FieldViolation(field, refusal));
            else
                boxes.TryAdd(box!.Address, box);
        }
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
        return boxes.Values.ToList();
    }

    /// <summary>A shared box's connection accounts that asked for it are told of new mail (Notification sends it; no content).</summary>
    private async Task StageReceptionNoticesAsync(IReadOnlyList<MailboxProjection> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shared = recipients.Where(r => r.Type == MailboxTypes.Org).ToDictionary(r => r.Address);
        if (shared.Count == 0)
            return;
        var keys = shared.Keys.ToArray();
        var notices = await db.Delegations.AsNoTracking()
            .Where(d => keys.Contains(d.BoxAddress) && d.ReceptionNotice)
            .ToListAsync(cancellationToken);
        foreach (var group in notices.GroupBy(d => d.BoxAddress))
        {
            var box = shared[group.Key];
            db.AddOutboxMessage(new SharedMailboxMessageReceived(
                box.Address, box.DisplayName, group.Select(d => d.ConnectionAccount).Order(StringComparer.Ordinal).ToList(), now), now);
        }
    }

    private async Task SaveTraceAsync(Actor actor, string address, Guid messageId, string detail, CancellationToken cancellationToken)
    {
        traces.Stage(actor, address, TraceActions.Send, messageId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<StoredMessage?> FindByRequestAsync(string requestKey, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Include(m => m.Attachments).FirstOrDefaultAsync(m => m.RequestKey == requestKey, cancellationToken);

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
