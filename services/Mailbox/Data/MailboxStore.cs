using Medimail.Mailbox.Domain;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Data;

/// <summary>The reads and the settings change behind <c>MailboxService</c>; the rules themselves live in Domain.</summary>
public sealed class MailboxStore(MailboxDbContext db)
{
    public async Task<MailboxProjection> GetVisibleAsync(Caller caller, string address, CancellationToken cancellationToken)
    {
        var normalized = RequireAddress(address);
        var box = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(b => b.Address == normalized, cancellationToken);
        return box is not null && MailboxAccess.CanView(caller, box) ? box : throw MailboxAccess.NotFound(normalized);
    }

    /// <summary>The delegations of one box (its connection accounts' settings), in address order; none for a personal box.</summary>
    public async Task<IReadOnlyList<Delegation>> ConnectionsOfAsync(string boxAddress, CancellationToken cancellationToken) =>
        await db.Delegations.AsNoTracking()
            .Where(d => d.BoxAddress == boxAddress)
            .OrderBy(d => d.ConnectionAccount)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<MyMailbox>> ListMineAsync(string me, CancellationToken cancellationToken)
    {
        var own = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(b => b.Address == me, cancellationToken);
        var shared = await (
                from d in db.Delegations.AsNoTracking()
                join b in db.Mailboxes.AsNoTracking() on d.BoxAddress equals b.Address
                where d.ConnectionAccount == me
                select new { Box = b, Delegation = d })
            .ToListAsync(cancellationToken);
        return MyMailboxes.Compose(own, shared.Select(s => (s.Box, s.Delegation)));
    }

    public async Task<MyMailbox> UpdateMineAsync(string me, string address, MySettingsChange change, CancellationToken cancellationToken)
    {
        var target = RequireAddress(address);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Every delegation of the person is locked, so two concurrent "make this my default" calls run one after the other.
        var mine = await db.Delegations
            .FromSqlInterpolated($"SELECT * FROM delegations WHERE connection_account = {me} ORDER BY box_address FOR UPDATE")
            .ToListAsync(cancellationToken);
        var reachable = mine.Select(d => d.BoxAddress).Append(me).ToArray();
        var boxes = await db.Mailboxes.AsNoTracking()
            .Where(b => reachable.Contains(b.Address))
            .ToDictionaryAsync(b => b.Address, cancellationToken);
        var sharedDefaultExists = mine.Any(d => d.IsDefault && boxes.TryGetValue(d.BoxAddress, out var b) && b.State != MailboxTypes.Disabled);

        var ownBox = target == me;
        var delegation = mine.FirstOrDefault(d => d.BoxAddress == target);
        if ((ownBox && !boxes.ContainsKey(me)) || (!ownBox && delegation is null))
            throw MailboxAccess.NotFound(target);
        change.EnsureValid(ownBox, sharedDefaultExists);
        if (!ownBox && boxes[target].State == MailboxTypes.Disabled)
            throw new FailedPreconditionException($"La boîte {target} est désactivée : ses réglages ne peuvent pas être modifiés.");

        if (change.IsDefault == true)
        {
            // Cleared and saved first: the unique index on the default is checked row by row.
            foreach (var other in mine.Where(d => d.IsDefault && d.BoxAddress != target))
                other.IsDefault = false;
            await db.SaveChangesAsync(cancellationToken);
        }
        if (delegation is not null)
        {
            delegation.IsDefault = change.IsDefault ?? delegation.IsDefault;
            delegation.ReceptionNotice = change.ReceptionNotice ?? delegation.ReceptionNotice;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var shared = mine.Where(d => boxes.ContainsKey(d.BoxAddress)).Select(d => (boxes[d.BoxAddress], d));
        return MyMailboxes.Compose(boxes.GetValueOrDefault(me), shared).First(m => m.Address == target);
    }

    private static string RequireAddress(string address)
    {
        var normalized = Addresses.Normalize(address);
        return normalized.Length > 0 ? normalized
            : throw new ValidationFailedException("address", "L'adresse de la boîte est obligatoire.");
    }
}
