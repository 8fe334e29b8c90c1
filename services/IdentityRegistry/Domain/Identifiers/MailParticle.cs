namespace Medimail.IdentityRegistry.Domain.Identifiers;

/// <summary>
/// The MSSanté or Apicrypt "particle": only the part before "@"; the platform appends the
/// structure's domain (MSSanté) or the key and domain (Apicrypt).
/// </summary>
public static class MailParticle
{
    public static IdentifierCheck Check(string value, string subject)
    {
        if (value.Contains('@'))
            return IdentifierCheck.Invalid($"{subject} ne contient que la partie avant le « @ » : le domaine est ajouté automatiquement.");
        return LocalPart.IsValid(value)
            ? IdentifierCheck.Ok
            : IdentifierCheck.Invalid($"{subject} « {value} » ne peut contenir que des lettres sans accent, des chiffres et « . - _ + », sans point au début, à la fin ni deux points de suite.");
    }
}
