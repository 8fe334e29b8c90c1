namespace Medimail.IdentityRegistry.Domain.Identifiers;

internal static class DigitString
{
    public static bool IsDigits(string value, int length) =>
        value.Length == length && value.All(char.IsAsciiDigit);

    // Spaces and dots are what people paste from letters and spreadsheets: naming them helps more than "invalid".
    public static IdentifierCheck Exactly(string value, int length, string subject)
    {
        if (value.Any(c => char.IsWhiteSpace(c) || c == '.'))
            return IdentifierCheck.Invalid($"{subject} ne doit contenir ni espace ni point : saisissez ses {length} chiffres à la suite.");
        return IsDigits(value, length)
            ? IdentifierCheck.Ok
            : IdentifierCheck.Invalid($"{subject} doit comporter exactement {length} chiffres ({value.Length} caractère(s) saisi(s)).");
    }
}
