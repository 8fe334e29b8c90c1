namespace Medimail.IdentityRegistry.Data;

/// <summary>One mailbox account as stored; the address (lower case) is its key and never changes.</summary>
public sealed class AccountRecord
{
    public string Email { get; set; } = "";
    public string Type { get; set; } = "";
    public string State { get; set; } = "";
    /// <summary>Where <c>enable</c> returns a disabled account to.</summary>
    public string? StateBeforeDisable { get; set; }
    public Guid StructureId { get; set; }
    public string LastName { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string? Rpps { get; set; }
    public string? Adeli { get; set; }
    public string? LegalName { get; set; }
    public string? ServiceUnit { get; set; }
    public AddressValue Address { get; set; } = new();
    public string? Phone1 { get; set; }
    public string? Phone2 { get; set; }
    public string? Profession { get; set; }
    public string? Specialty { get; set; }
    public string? Diploma { get; set; }
    public bool IndependentPractice { get; set; }
    public string? StructureIdentifierType { get; set; }
    public string? StructureIdentifier { get; set; }
    public string? ReturnAddress { get; set; }
    public ResponsibleValue Responsible { get; set; } = new();
    public string? Description { get; set; }
    public string? ExerciseTitle { get; set; }
    public string? MssanteParticle { get; set; }
    public string? MssanteAddress { get; set; }
    public string? ApicryptParticle { get; set; }
    public string? ApicryptSpecialty { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public List<string> ConnectionAccounts { get; set; } = [];
    public bool UnlistedRegional { get; set; }
    public bool UnlistedNational { get; set; }
    public List<string> Warnings { get; set; } = [];
    /// <summary>Lower-case, unaccented words of the names, space-separated and space-framed: " jean francois martin ".</summary>
    public string SearchWords { get; set; } = "";
    public string? PasswordHash { get; set; }
    /// <summary>The last successful sign-in (column <c>last_sign_in_at</c>): the inactivity job reads it.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Grows with every change: the etag, and the order of events for projections.</summary>
    public long Version { get; set; }
}

public sealed class AddressValue
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? DepartmentCode { get; set; }
    public string? RegionCode { get; set; }
}

public sealed class ResponsibleValue
{
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Profession { get; set; }
    public string? Identifier { get; set; }
}
