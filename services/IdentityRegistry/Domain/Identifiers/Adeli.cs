namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class Adeli
{
    public const int Length = 9;

    public static IdentifierCheck Check(string value, string subject = "Le numéro ADELI") =>
        DigitString.Exactly(value, Length, subject);
}
