namespace Medimail.IdentityRegistry.Domain.Reference;

public sealed record Region(string Code, string Label, IReadOnlyList<string> Aliases) : IReferenceEntry;
