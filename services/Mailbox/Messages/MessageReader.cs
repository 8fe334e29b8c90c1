using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Medimail.Mailbox.Traces;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Messages;

/// <summary>One message as one box holds it, in one folder.</summary>
public sealed record BoxMessage(StoredMessage Message, string Folder, DateTimeOffset StoredAt);

/// <summary>A file with its bytes, for GetMessage.</summary>
public sealed record AttachmentWithContent(MessageAttachment Attachment, byte[] Content);

public sealed record MessagePage(IReadOnlyList<BoxMessage> Messages, string NextPageToken, int TotalSize);

/// <summary>Folders, one message, and deletion from one box; reads and deletions are traced.</summary>
public sealed class MessageReader(MailboxDbContext db, TraceLog traces)
{
    public async Task<MessagePage> ListAsync(Actor actor, string address, string folder, int pageSize, string pageToken,
        CancellationToken cancellationToken)
    {
        var box = await UsableBoxAsync(actor, address, cancellationToken);
        folder = string.IsNullOrWhiteSpace(folder) ? Folders.Inbox : folder.Trim().ToUpperInvariant();
        if (!Folders.IsKnown(folder))
            throw new ValidationFailedException("folder", "Dossier inconnu : INBOX ou SENT.");
        var size = Paging.PageSize(pageSize);
        var scope = $"{box.Address}/{folder}";
        var after = PageToken.Decode(pageToken, scope);

        var entries = db.MailboxEntries.AsNoTracking().Where(e => e.BoxAddress == box.Address && e.Folder == folder);
        var total = await entries.CountAsync(cancellationToken);
        if (after is not null)
        {
            var afterId = Guid.Parse(after.Key);
            entries = entries.Where(e => e.CreatedAt < after.Time || (e.CreatedAt == after.Time && e.MessageId.CompareTo(afterId) < 0));
        }
        var page = await entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.MessageId).Take(size + 1)
            .Join(db.Messages.AsNoTracking().Include(m => m.Attachments), e => e.MessageId, m => m.Id, (e, m) => new { Entry = e, Message = m })
            .ToListAsync(cancellationToken);
        page = page.OrderByDescending(p => p.Entry.CreatedAt).ThenByDescending(p => p.Entry.MessageId).ToList();
        var next = page.Count > size
            ? new PageToken(page[size - 1].Entry.CreatedAt, page[size - 1].Entry.MessageId.ToString(), scope).Encode()
            : "";
        return new MessagePage(page.Take(size).Select(p => new BoxMessage(p.Message, folder, p.Entry.CreatedAt)).ToList(), next, total);
    }

    public async Task<(BoxMessage Message, IReadOnlyList<AttachmentWithContent> Files)> GetAsync(Actor actor, string address, string id,
        CancellationToken cancellationToken)
    {
        var box = await UsableBoxAsync(actor, address, cancellationToken);
        var messageId = RequireId(id);
        var entry = await db.MailboxEntries.AsNoTracking()
            .Where(e => e.BoxAddress == box.Address && e.MessageId == messageId)
            .OrderBy(e => e.Folder) // INBOX before SENT when one box wrote to itself
            .FirstOrDefaultAsync(cancellationToken) ?? throw MessageNotFound(box.Address);
        var message = await db.Messages.AsNoTracking().Include(m => m.Attachments)
            .FirstAsync(m => m.Id == messageId, cancellationToken);
        var hashes = message.Attachments.Select(a => a.Sha256).Distinct().ToArray();
        var contents = await db.AttachmentContents.AsNoTracking().Where(c => hashes.Contains(c.Sha256))
            .ToDictionaryAsync(c => c.Sha256, c => c.Content, cancellationToken);
        traces.Stage(actor, box.Address, TraceActions.Read, messageId);
        await db.SaveChangesAsync(cancellationToken);
        var files = message.Attachments.OrderBy(a => a.Position).Select(a => new AttachmentWithContent(a, contents[a.Sha256])).ToList();
        return (new BoxMessage(message, entry.Folder, entry.CreatedAt), files);
    }

    /// <summary>Removes the message from this box (one folder, or both); other boxes keep theirs. The message goes when no box holds it.</summary>
    public async Task DeleteAsync(Actor actor, string address, string id, string folder, CancellationToken cancellationToken)
    {
        var box = await UsableBoxAsync(actor, address, cancellationToken);
        var messageId = RequireId(id);
        folder = folder.Trim().ToUpperInvariant();
        if (folder.Length > 0 && !Folders.IsKnown(folder))
            throw new ValidationFailedException("folder", "Dossier inconnu : INBOX ou SENT (ou vide pour les deux).");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entries = await db.MailboxEntries
            .Where(e => e.BoxAddress == box.Address && e.MessageId == messageId && (folder == "" || e.Folder == folder))
            .ToListAsync(cancellationToken);
        if (entries.Count == 0)
            throw MessageNotFound(box.Address);
        db.MailboxEntries.RemoveRange(entries);
        traces.Stage(actor, box.Address, TraceActions.Delete, messageId, string.Join(",", entries.Select(e => e.Folder)));
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM messages m WHERE m.id = {messageId} AND NOT EXISTS (SELECT 1 FROM mailbox_entries e WHERE e.message_id = m.id)",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<MailboxProjection> UsableBoxAsync(Actor actor, string address, CancellationToken cancellationToken)
    {
        var normalized = Addresses.Normalize(address);
        if (normalized.Length == 0)
            throw new ValidationFailedException("address", "L'adresse de la boîte est obligatoire.");
        var box = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(b => b.Address == normalized, cancellationToken);
        return MessageAccess.RequireUsable(actor.Caller, box, normalized);
    }

    private static Guid RequireId(string id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new ValidationFailedException("id", "Identifiant de message invalide.");

    private static NotFoundException MessageNotFound(string box) => new($"Ce message n'est pas dans la boîte {box}.");
}
