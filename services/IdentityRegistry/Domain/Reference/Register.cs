namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>The national register a profession's members are identified in.</summary>
public enum Register
{
    /// <summary>Not registered nationally: MED (or INT) accounts only.</summary>
    None,
    /// <summary>An RPPS number is required.</summary>
    Rpps,
    /// <summary>ADELI, or RPPS for those already moved over.</summary>
    Adeli,
}
