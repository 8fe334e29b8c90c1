namespace Medimail.IdentityRegistry.Domain.Reference;

public interface IReferenceEntry
{
    string Code { get; }

    string Label { get; }

    /// <summary>Other spellings the file import accepts (feminine forms, short names).</summary>
    IReadOnlyList<string> Aliases { get; }
}
