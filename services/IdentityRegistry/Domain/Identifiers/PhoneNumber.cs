using System.Text.RegularExpressions;

namespace Medimail.IdentityRegistry.Domain.Identifiers;

/// <summary>
/// Digits only, as the loadusers guide asks (no spaces, no dots): 10 digits starting with 0 for a
/// French number, or "+" and 8 to 15 digits (E.164) because INT accounts are often foreign professionals.
/// </summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^(0[0-9]{9}|\+[0-9]{8,15})$")]
    private static partial Regex Shape();

    public static IdentifierCheck Check(string value, string subject = "Le téléphone")
    {
        if (value.Any(c => char.IsWhiteSpace(c) || c is '.' or '-' or '(' or ')'))
            return IdentifierCheck.Invalid($"{subject} ne doit contenir que des chiffres, sans espace, point ni tiret (ex. 0561000000 ou +33561000000).");
        return Shape().IsMatch(value)
            ? IdentifierCheck.Ok
            : IdentifierCheck.Invalid($"{subject} doit comporter 10 chiffres commençant par 0, ou « + » suivi de l'indicatif pour un numéro étranger (ex. 0561000000).");
    }
}
