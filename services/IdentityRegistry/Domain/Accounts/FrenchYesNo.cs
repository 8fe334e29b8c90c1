namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>The OUI/NON columns of the loadusers file ("Activité libérale").</summary>
public static class FrenchYesNo
{
    public static bool TryParse(string? value, out bool result)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "OUI" or "O":
                result = true;
                return true;
            case "NON" or "N":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    public static string Format(bool value) => value ? "OUI" : "NON";
}
