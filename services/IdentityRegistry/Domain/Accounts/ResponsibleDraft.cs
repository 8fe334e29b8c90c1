namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// The accountable professional of an ORG or APP box: a functional head (head of department),
/// not the legal one, who must hold an RPPS or ADELI number.
/// </summary>
public sealed record ResponsibleDraft
{
    public string? LastName { get; init; }

    public string? FirstName { get; init; }

    /// <summary>Profession code (label accepted).</summary>
    public string? Profession { get; init; }

    /// <summary>RPPS (11 digits) or ADELI (9 digits).</summary>
    public string? Identifier { get; init; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(LastName) && string.IsNullOrWhiteSpace(FirstName)
        && string.IsNullOrWhiteSpace(Profession) && string.IsNullOrWhiteSpace(Identifier);
}
