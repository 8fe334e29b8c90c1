namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class Finess
{
    /// <summary>
    /// FINESS EJ or EG: 9 digits, or 2A/2B (Corsica) then 7 digits. Only the shape is checked: the
    /// Corsican numbers make the FINESS key unreliable to compute, and a false rejection blocks a structure.
    /// </summary>
    public static IdentifierCheck Check(string value, string subject = "Le numéro FINESS")
    {
        if (value.Any(c => char.IsWhiteSpace(c) || c == '.'))
            return IdentifierCheck.Invalid($"{subject} ne doit contenir ni espace ni point : saisissez ses 9 caractères à la suite.");
        var corsican = value.Length == 9
            && (value.StartsWith("2A", StringComparison.OrdinalIgnoreCase) || value.StartsWith("2B", StringComparison.OrdinalIgnoreCase))
            && value[2..].All(char.IsAsciiDigit);
        return DigitString.IsDigits(value, 9) || corsican
            ? IdentifierCheck.Ok
            : IdentifierCheck.Invalid($"{subject} doit comporter 9 caractères : 9 chiffres, ou 2A ou 2B suivi de 7 chiffres pour la Corse.");
    }
}
