using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>Loads, in one query, the existing accounts the rules will ask about (the box, its connection accounts, its return address).</summary>
internal sealed class AccountLookup(IdentityDbContext db)
{
    /// <param name="structureId">The structure of the box being checked: only its accounts are "own"
    /// (<see cref="IAccountDirectory.FindOwnType"/>); null when every account counts as own.</param>
    public async Task<IAccountDirectory> LoadAsync(IReadOnlyCollection<string> addresses, Guid? structureId, CancellationToken cancellationToken)
    {
        var found = await db.Accounts.AsNoTracking()
            .Where(a => addresses.Contains(a.Email))
            .Select(a => new { a.Email, a.Type, a.StructureId })
            .ToListAsync(cancellationToken);
        return new KnownAccounts(found.ToDictionary(a => a.Email, a => (a.Type, Own: structureId is null || a.StructureId == structureId)));
    }

    public Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database => db.Database;

    /// <summary>Whether another account than <paramref name="self"/> already has this MSSanté address.</summary>
    public Task<bool> MssanteAddressTakenAsync(string address, string self, CancellationToken cancellationToken) =>
        db.Accounts.AnyAsync(a => a.MssanteAddress == address && a.Email != self, cancellationToken);

    private sealed class KnownAccounts(Dictionary<string, (string Type, bool Own)> accounts) : IAccountDirectory
    {
        public AccountType? FindType(string email) =>
            accounts.TryGetValue(email.Trim().ToLowerInvariant(), out var account) && AccountTypes.TryParse(account.Type, out var type) ? type : null;

        public AccountType? FindOwnType(string email) =>
            accounts.TryGetValue(email.Trim().ToLowerInvariant(), out var account) && account.Own && AccountTypes.TryParse(account.Type, out var type) ? type : null;
    }
}
