using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Notification.Data;

/// <summary>Every mail the platform sent or tried, newest first, paged by keyset so deep pages stay cheap.</summary>
public sealed class NotificationHistory(NotificationDbContext db)
{
    public sealed record Page(IReadOnlyList<MailNotification> Items, string NextPageToken, int TotalSize);

    public async Task<Page> ListAsync(string recipient, int pageSize, PageToken? after, CancellationToken cancellationToken)
    {
        var filtered = db.Notifications.AsNoTracking();
        if (recipient.Length > 0)
            filtered = filtered.Where(n => n.Recipient == recipient);

        var page = filtered;
        if (after is not null)
            page = page.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        var items = await page
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var total = await filtered.CountAsync(cancellationToken);

        var hasMore = items.Count > pageSize;
        if (hasMore)
            items.RemoveAt(items.Count - 1);
        var next = hasMore ? new PageToken(items[^1].CreatedAt, items[^1].Id, recipient).Encode() : "";
        return new Page(items, next, total);
    }
}
