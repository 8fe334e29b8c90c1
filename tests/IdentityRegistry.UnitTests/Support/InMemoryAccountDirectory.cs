using Medimail.IdentityRegistry.Domain.Accounts;

namespace Medimail.IdentityRegistry.UnitTests.Support;

/// <summary>The test stand-in for the pre-loaded directory the API and the import build from the database.</summary>
internal sealed class InMemoryAccountDirectory : IAccountDirectory
{
    private readonly Dictionary<string, AccountType> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public InMemoryAccountDirectory With(string email, AccountType type)
    {
        _accounts[email] = type;
        return this;
    }

    public AccountType? FindType(string email) => _accounts.TryGetValue(email, out var type) ? type : null;
}
