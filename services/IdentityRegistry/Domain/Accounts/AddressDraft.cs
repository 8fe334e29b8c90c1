namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>Adresse (1), Adresse (2), CP, VILLE, Département, Région of the loadusers file.</summary>
public sealed record AddressDraft
{
    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? PostalCode { get; init; }

    public string? City { get; init; }

    /// <summary>Code ("31", "2A", "974"); the label is accepted and turned into the code by Normalize.</summary>
    public string? DepartmentCode { get; init; }

    /// <summary>Code ("76"); label accepted; filled from the department by Normalize when empty.</summary>
    public string? RegionCode { get; init; }
}
