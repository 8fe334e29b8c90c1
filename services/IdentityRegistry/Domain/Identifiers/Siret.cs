namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class Siret
{
    public const int Length = 14;

    // La Poste has more establishments than the Luhn key allows; INSEE gives them a digit-sum rule instead.
    private const string LaPosteSiren = "356000000";

    public static IdentifierCheck Check(string value, string subject = "Le numéro SIRET")
    {
        var shape = DigitString.Exactly(value, Length, subject);
        if (!shape.IsOk)
            return shape;
        var valid = value.StartsWith(LaPosteSiren, StringComparison.Ordinal)
            ? value.Sum(c => c - '0') % 5 == 0
            : Luhn.IsValid(value);
        return valid
            ? IdentifierCheck.Ok
            : IdentifierCheck.Invalid($"{subject} {value} est invalide : sa clé de contrôle ne correspond pas, vérifiez les 14 chiffres.");
    }
}
