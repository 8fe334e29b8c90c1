using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Audit;

internal sealed record AuditFilter(Guid? StructureId, string? Target, string? Actor, string? Action, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>What a page token of this list is bound to: the same filters.</summary>
    public string PageScope => $"audit|{StructureId}|{Target}|{Actor}|{Action}|{From:O}|{To:O}";
}

/// <summary>Where the next page of the audit starts: before this entry (newest first).</summary>
internal sealed record AuditBefore(long Id);

/// <summary>Reads the audit, newest first: operators everything, structure administrators the entries of their structures.</summary>
internal sealed class AuditQuery(IdentityDbContext db)
{
    public async Task<(List<AuditEntryRecord> Page, int Total, string NextToken)> ListAsync(
        Caller caller, AuditFilter filter, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var size = PageSize.Resolve(pageSize);
        var query = db.AuditEntries.AsNoTracking();
        if (!caller.IsOperator)
        {
            if (!caller.IsStructureAdmin)
                throw new PermissionDeniedException("Le journal d'audit est réservé au centre de services et aux administrateurs de structure.");
            var mine = caller.StructureIds.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).ToList();
            if (filter.StructureId is { } asked && !mine.Contains(asked))
                throw new PermissionDeniedException("Vous n'administrez pas cette structure.");
            query = query.Where(e => e.StructureId != null && mine.Contains(e.StructureId.Value));
        }
        if (filter.StructureId is { } structure)
            query = query.Where(e => e.StructureId == structure);
        if (filter.Target is { Length: > 0 } target)
            query = query.Where(e => e.Target == target);
        if (filter.Actor is { Length: > 0 } actor)
            query = query.Where(e => e.Actor == actor);
        if (filter.Action is { Length: > 0 } action)
            query = query.Where(e => e.Action == action);
        if (filter.From is { } from)
            query = query.Where(e => e.Time >= from);
        if (filter.To is { } to)
            query = query.Where(e => e.Time < to);

        var total = await query.CountAsync(cancellationToken);
        if (PageTokens.Decode<AuditBefore>(pageToken, filter.PageScope) is { } before)
            query = query.Where(e => e.Id < before.Id);
        var page = await query.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? PageTokens.Encode(new AuditBefore(page[size - 1].Id), filter.PageScope) : "";
        return (page.Take(size).ToList(), total, next);
    }
}
