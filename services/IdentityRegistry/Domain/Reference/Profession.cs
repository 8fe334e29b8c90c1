namespace Medimail.IdentityRegistry.Domain.Reference;

public sealed record Profession(
    string Code,
    string Label,
    Register Register,
    bool SocialCare,
    bool RequiresExerciseTitleForInt,
    IReadOnlyList<string> Aliases) : IReferenceEntry;
