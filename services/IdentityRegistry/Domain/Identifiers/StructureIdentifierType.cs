namespace Medimail.IdentityRegistry.Domain.Identifiers;

/// <summary>FINESS when the structure has one (a pharmacy, a hospital); otherwise SIRET or SIREN.</summary>
public enum StructureIdentifierType
{
    Finess,
    Siret,
    Siren,
}
