namespace Medimail.IdentityRegistry.Domain.Identifiers;

public static class StructureIdentifierTypes
{
    /// <summary>"FINESS", "SIRET" or "SIREN", any case, as in the loadusers column.</summary>
    public static bool TryParse(string? value, out StructureIdentifierType type)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "FINESS": type = StructureIdentifierType.Finess; return true;
            case "SIRET": type = StructureIdentifierType.Siret; return true;
            case "SIREN": type = StructureIdentifierType.Siren; return true;
            default: type = default; return false;
        }
    }

    public static string ToCode(this StructureIdentifierType type) => type switch
    {
        StructureIdentifierType.Finess => "FINESS",
        StructureIdentifierType.Siret => "SIRET",
        StructureIdentifierType.Siren => "SIREN",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
