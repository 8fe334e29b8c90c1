namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>
/// One row of <c>ReferenceService.List</c>: Register is "RPPS", "ADELI" or "NONE" for professions
/// and null elsewhere; RegionCode is set for departments only.
/// </summary>
public sealed record ReferenceItem(string Code, string Label, string? Register = null, string? RegionCode = null);
