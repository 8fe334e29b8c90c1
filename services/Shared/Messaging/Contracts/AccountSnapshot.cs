namespace Medimail.Contracts;

/// <summary>
/// What other services may know of an account: everything the directories and mailboxes show, never credentials.
/// <see cref="Version"/> grows with every change so a projection can ignore an event older than what it holds.
/// </summary>
public sealed record AccountSnapshot
{
    public required string Email { get; init; }
    /// <summary>PER, INT, ORG, MED or APP.</summary>
    public required string Type { get; init; }
    /// <summary>PRE_REGISTERED, PENDING_VALIDATION, ACTIVE or DISABLED.</summary>
    public required string State { get; init; }
    public required string StructureId { get; init; }
    public required long Version { get; init; }
    public string LastName { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string? Rpps { get; init; }
    public string? Adeli { get; init; }
    public string? LegalName { get; init; }
    public string? ServiceUnit { get; init; }
    public AddressSnapshot Address { get; init; } = new();
    public string? Phone1 { get; init; }
    public string? Profession { get; init; }
    public string? Specialty { get; init; }
    public bool IndependentPractice { get; init; }
    public string? Description { get; init; }
    public string? ExerciseTitle { get; init; }
    public string? MssanteAddress { get; init; }
    public string? ReturnAddress { get; init; }
    public string? StructureNationalId { get; init; }
    public IReadOnlyList<string> ConnectionAccounts { get; init; } = [];
    public bool UnlistedRegional { get; init; }
    public bool UnlistedNational { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record AddressSnapshot
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string? DepartmentCode { get; init; }
    public string? RegionCode { get; init; }
}
