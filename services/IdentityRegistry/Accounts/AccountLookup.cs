using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>Loads, in one query, the existing accounts the rules will ask about (the box, its connection accounts, its return address).</summary>
internal sealed class AccountLookup(IdentityDbContext db)
{
    public async Task<IAccountDirectory> LoadAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        var found = await db.Accounts.AsNoTracking()
            .Where(a => addresses.Contains(a.Email))
            .Select(a => new { a.Email, a.Type })
            .ToListAsync(cancellationToken);
        return new KnownAccounts(found.ToDictionary(a => a.Email, a => a.Type));
    }

    public Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database => db.Database;

    /// <summary>Whether another account than <paramref name="self"/> already has this MSSanté address.</summary>
    public Task<bool> MssanteAddressTakenAsync(string address, string self, CancellationToken cancellationToken) =>
        db.Accounts.AnyAsync(a => a.MssanteAddress == address && a.Email != self, cancellationToken);

    private sealed class KnownAccounts(Dictionary<string, string> types) : IAccountDirectory
    {
        public AccountType? FindType(string email) =>
            types.TryGetValue(email.Trim().ToLowerInvariant(), out var code) && AccountTypes.TryParse(code, out var type) ? type : null;
    }
}
