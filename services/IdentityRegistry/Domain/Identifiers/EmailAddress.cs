using System.Text.RegularExpressions;

namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static partial class EmailAddress
{
    private const int MaxLength = 254;

    // Labels of letters, digits and inner hyphens; a top-level domain of letters.
    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.IgnoreCase)]
    private static partial Regex Domain();

    public static bool IsValid(string value)
    {
        var at = value.IndexOf('@');
        return value.Length <= MaxLength
            && at > 0
            && at == value.LastIndexOf('@')
            && LocalPart.IsValid(value[..at])
            && Domain().IsMatch(value[(at + 1)..]);
    }

    public static IdentifierCheck Check(string value, string subject = "L'adresse mail")
    {
        if (IsValid(value))
            return IdentifierCheck.Ok;
        if (value.Any(c => c > 127))
            return IdentifierCheck.Invalid($"{subject} « {value} » ne doit pas contenir d'accent ni de caractère spécial (ex. ne-pas-repondre@mastructure.fr).");
        return IdentifierCheck.Invalid($"{subject} « {value} » n'est pas une adresse mail valide (forme attendue : nom@domaine.fr, sans espace).");
    }

    public static string LocalPartOf(string value)
    {
        var at = value.IndexOf('@');
        return at < 0 ? value : value[..at];
    }
}
