using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Notification.Relaunches;

/// <summary>What the admin console shows: the last relaunch with each recipient's delivery, and the history.</summary>
public sealed class RelaunchQueries(NotificationDbContext db)
{
    public sealed record RecipientDelivery(string Email, string State, string? LastError);

    public sealed record Page(IReadOnlyList<Relaunch> Items, string NextPageToken, int TotalSize);

    public Task<Relaunch?> LastAsync(string structureId, CancellationToken cancellationToken) =>
        Issued(structureId).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// One line per recipient: the state of the relaunch's mail to them; QUEUED while Identity's event is still on
    /// its way (the link is issued, the mail not yet rendered).
    /// </summary>
    public async Task<IReadOnlyList<RecipientDelivery>> DeliveriesAsync(Relaunch relaunch, CancellationToken cancellationToken)
    {
        var relaunchId = relaunch.Id.ToString();
        var mails = await db.Notifications.AsNoTracking()
            .Where(n => n.RelaunchId == relaunchId)
            .Select(n => new { n.Recipient, n.State, n.LastError, n.CreatedAt })
            .ToListAsync(cancellationToken);
        var byRecipient = mails.GroupBy(m => m.Recipient)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.CreatedAt).First());
        return relaunch.Recipients
            .Select(r => byRecipient.TryGetValue(r, out var mail)
                ? new RecipientDelivery(r, mail.State, mail.LastError)
                : new RecipientDelivery(r, NotificationStates.Queued, null))
            .ToList();
    }

    public async Task<Page> ListAsync(string structureId, int pageSize, PageToken? after, CancellationToken cancellationToken)
    {
        var filtered = Issued(structureId);
        var page = filtered;
        if (after is not null)
            page = page.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        var items = await page.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var total = await filtered.CountAsync(cancellationToken);
        var hasMore = items.Count > pageSize;
        if (hasMore)
            items.RemoveAt(items.Count - 1);
        var next = hasMore ? new PageToken(items[^1].CreatedAt, items[^1].Id, structureId).Encode() : "";
        return new Page(items, next, total);
    }

    /// <summary>Relaunches that reached someone; a failed attempt sent nothing and is not history.</summary>
    private IQueryable<Relaunch> Issued(string structureId) =>
        db.Relaunches.AsNoTracking().Where(r => r.StructureId == structureId && (r.State == RelaunchStates.Issued || r.State == RelaunchStates.Delivered));
}
