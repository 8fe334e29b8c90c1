using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>Which accounts a caller may list (search and export alike): the operator all, an administrator his structures, a connector its APP boxes.</summary>
internal static class CallerScope
{
    public static IQueryable<AccountRecord> ListableBy(this IQueryable<AccountRecord> accounts, Caller caller, AccountFilter filter)
    {
        var visible = accounts.Apply(filter with { StructureIds = VisibleStructures(caller, filter.StructureIds) });
        return caller.IsConnector && !caller.IsOperator ? visible.Where(a => a.Type == "APP") : visible;
    }

    private static IReadOnlyCollection<Guid>? VisibleStructures(Caller caller, IReadOnlyCollection<Guid>? requested)
    {
        if (caller.IsOperator)
            return requested;
        var mine = caller.StructureIds.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).ToHashSet();
        if (requested is null)
            return mine;
        if (requested.Any(r => !mine.Contains(r)))
            throw new PermissionDeniedException("Vous n'administrez pas cette structure.");
        return requested;
    }
}
