namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class Siren
{
    public const int Length = 9;

    public static IdentifierCheck Check(string value, string subject = "Le numéro SIREN")
    {
        var shape = DigitString.Exactly(value, Length, subject);
        if (!shape.IsOk)
            return shape;
        return Luhn.IsValid(value)
            ? IdentifierCheck.Ok
            : IdentifierCheck.Invalid($"{subject} {value} est invalide : sa clé de contrôle ne correspond pas, vérifiez les 9 chiffres.");
    }
}
