namespace Medimail.IdentityRegistry.Domain.Reference;

public sealed record Department(string Code, string Label, string RegionCode, IReadOnlyList<string> Aliases) : IReferenceEntry;
