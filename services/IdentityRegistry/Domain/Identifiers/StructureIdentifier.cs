namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class StructureIdentifier
{
    /// <summary>Checks the number against the type the administrator chose for it.</summary>
    public static IdentifierCheck Check(StructureIdentifierType type, string value) => type switch
    {
        StructureIdentifierType.Finess => Finess.Check(value, "L'identifiant de structure (FINESS)"),
        StructureIdentifierType.Siret => Siret.Check(value, "L'identifiant de structure (SIRET)"),
        StructureIdentifierType.Siren => Siren.Check(value, "L'identifiant de structure (SIREN)"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
