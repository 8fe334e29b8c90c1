namespace Medimail.IdentityRegistry.Domain.Reference;

public sealed record Specialty(string Code, string Label, IReadOnlyList<string> Aliases) : IReferenceEntry;
