namespace Medimail.IdentityRegistry.Domain.Accounts;

public static class AccountTypes
{
    /// <summary>"PER", "INT", "ORG", "MED" or "APP", any case.</summary>
    public static bool TryParse(string? value, out AccountType type)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "PER": type = AccountType.Per; return true;
            case "INT": type = AccountType.Int; return true;
            case "ORG": type = AccountType.Org; return true;
            case "MED": type = AccountType.Med; return true;
            case "APP": type = AccountType.App; return true;
            default: type = default; return false;
        }
    }

    public static string ToCode(this AccountType type) => type.ToString().ToUpperInvariant();

    /// <summary>PER, INT and MED are people: they sign in and may be connection accounts of ORG and APP boxes.</summary>
    public static bool IsNominative(this AccountType type) => type is AccountType.Per or AccountType.Int or AccountType.Med;
}
