namespace Medimail.IdentityRegistry.Domain.Identifiers;

/// <summary>The prefixed identifiers the national MSSanté directory and extraction use.</summary>
public static class NationalIds
{
    /// <summary>1 + FINESS, 2 + SIREN, 3 + SIRET.</summary>
    public static string ForStructure(StructureIdentifierType type, string identifier) => type switch
    {
        StructureIdentifierType.Finess => "1" + identifier,
        StructureIdentifierType.Siren => "2" + identifier,
        StructureIdentifierType.Siret => "3" + identifier,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>8 + RPPS, else 0 + ADELI (RPPS wins: it is absorbing ADELI); null when neither is known.</summary>
    public static string? ForPerson(string? rpps, string? adeli)
    {
        if (!string.IsNullOrWhiteSpace(rpps))
            return "8" + rpps.Trim();
        if (!string.IsNullOrWhiteSpace(adeli))
            return "0" + adeli.Trim();
        return null;
    }
}
