using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Medimail.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Traces;

public sealed record TracePage(IReadOnlyList<TraceEntry> Traces, string NextPageToken, int TotalSize);

/// <summary>A box's traces, newest first, for operators, the admins of its structure and the people of the box.</summary>
public sealed class TraceQueries(MailboxStore boxes, MailboxDbContext db)
{
    public async Task<TracePage> ListAsync(Caller caller, string address, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var box = await boxes.GetVisibleAsync(caller, address, cancellationToken);
        var size = Paging.PageSize(pageSize);
        var after = PageToken.Decode(pageToken, box.Address);
        var traces = db.Traces.AsNoTracking().Where(t => t.BoxAddress == box.Address);
        var total = await traces.CountAsync(cancellationToken);
        if (after is not null)
        {
            var afterId = long.TryParse(after.Key, out var id) ? id : long.MaxValue;
            traces = traces.Where(t => t.Time < after.Time || (t.Time == after.Time && t.Id < afterId));
        }
        var page = await traces.OrderByDescending(t => t.Time).ThenByDescending(t => t.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? new PageToken(page[size - 1].Time, page[size - 1].Id.ToString(), box.Address).Encode() : "";
        return new TracePage(page.Take(size).ToList(), next, total);
    }
}
