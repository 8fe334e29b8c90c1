namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>One reference list, looked up by code (any case) or by label or alias (any case, any accents).</summary>
public sealed class ReferenceList<T> where T : IReferenceEntry
{
    private readonly Dictionary<string, T> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, T> _byLabel = new(StringComparer.Ordinal);

    public ReferenceList(string name, IEnumerable<T> entries)
    {
        Name = name;
        All = entries.ToList();
        foreach (var entry in All)
        {
            // A duplicate would make a label resolve to whichever entry came last: refuse the data instead.
            if (!_byCode.TryAdd(entry.Code, entry))
                throw new InvalidDataException($"Reference list '{name}': code '{entry.Code}' appears twice.");
            foreach (var label in entry.Aliases.Prepend(entry.Label))
            {
                var key = LabelKey.For(label);
                if (!_byLabel.TryAdd(key, entry) && !ReferenceEquals(_byLabel[key], entry))
                    throw new InvalidDataException($"Reference list '{name}': label '{label}' names two entries.");
            }
        }
    }

    public string Name { get; }

    public IReadOnlyList<T> All { get; }

    public T? FindByCode(string? code) =>
        code is not null && _byCode.TryGetValue(code.Trim(), out var entry) ? entry : default;

    public T? FindByLabel(string? label) =>
        label is not null && _byLabel.TryGetValue(LabelKey.For(label), out var entry) ? entry : default;

    /// <summary>The code first (what the API sends), then the label (what a file often holds).</summary>
    public T? Resolve(string? codeOrLabel) => FindByCode(codeOrLabel) ?? FindByLabel(codeOrLabel);
}
