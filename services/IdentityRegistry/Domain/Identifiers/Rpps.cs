namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class Rpps
{
    public const int Length = 11;

    /// <summary>
    /// 11 digits. A failed Luhn key is only a warning: the administrator copies the number from the
    /// national register, and some published (example) numbers fail it.
    /// </summary>
    public static IdentifierCheck Check(string value, string subject = "Le numéro RPPS")
    {
        var shape = DigitString.Exactly(value, Length, subject);
        if (!shape.IsOk)
            return shape;
        return Luhn.IsValid(value)
            ? IdentifierCheck.Ok
            : IdentifierCheck.Doubtful($"{subject} {value} ne respecte pas sa clé de contrôle : vérifiez-le dans l'annuaire santé (il est enregistré tel quel).");
    }
}
