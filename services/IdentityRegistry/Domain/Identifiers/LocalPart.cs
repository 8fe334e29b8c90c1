using System.Text.RegularExpressions;

namespace Medimail.IdentityRegistry.Domain.Identifiers;

/// <summary>
/// What may stand before the "@" of a Medimail or MSSanté address. Deliberately narrower than RFC 5322:
/// unaccented letters, digits, ". _ - +", no dot at either end nor two in a row. Accented addresses
/// ("ne-pas-répondre@…") need SMTPUTF8, which the MSSanté operators do not all carry.
/// </summary>
internal static partial class LocalPart
{
    public const int MaxLength = 64;

    [GeneratedRegex(@"^[a-z0-9_+-]+(\.[a-z0-9_+-]+)*$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    public static bool IsValid(string value) => value.Length <= MaxLength && Shape().IsMatch(value);
}
