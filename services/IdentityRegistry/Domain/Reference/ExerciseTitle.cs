namespace Medimail.IdentityRegistry.Domain.Reference;

public sealed record ExerciseTitle(string Code, string Label, IReadOnlyList<string> Aliases) : IReferenceEntry;
