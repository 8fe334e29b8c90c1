namespace Medimail.IdentityRegistry.Data;

public sealed class StructureRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>FINESS, SIRET or SIREN.</summary>
    public string IdentifierType { get; set; } = "";
    public string Identifier { get; set; } = "";
    /// <summary>Prefix + number (1 FINESS, 2 SIREN, 3 SIRET): unique, one structure per legal identity.</summary>
    public string NationalId { get; set; } = "";
    public string MssanteDomain { get; set; } = "";
    public List<string> AdminEmails { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}
