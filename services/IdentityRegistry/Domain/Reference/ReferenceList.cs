using System.Collections.Concurrent;

namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>One reference list, looked up by code (any case) or by label or alias (any case, any accents).</summary>
public sealed class ReferenceList<T> where T : IReferenceEntry
{
    private readonly Dictionary<string, T> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, T> _byLabel = new(StringComparer.Ordinal);

    /// <summary>
    /// What each spelling met so far resolved to (null for none). A file repeats the same few labels on every row
    /// ("Médecin", "Haute-Garonne"): folding each of them once instead of once per row. Bounded, because a file may
    /// also hold thousands of distinct wrong values; past the bound, spellings are folded every time as before.
    /// </summary>
    private readonly ConcurrentDictionary<string, T?> _spellings = new(StringComparer.Ordinal);
    private int _spellingCount;
    private const int MaxSpellings = 4096;

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

    public T? FindByLabel(string? label)
    {
        if (label is null)
            return default;
        if (_spellings.TryGetValue(label, out var known))
            return known;
        var found = _byLabel.TryGetValue(LabelKey.For(label), out var entry) ? entry : default;
        if (Volatile.Read(ref _spellingCount) < MaxSpellings && _spellings.TryAdd(label, found))
            Interlocked.Increment(ref _spellingCount);
        return found;
    }

    /// <summary>The code first (what the API sends), then the label (what a file often holds).</summary>
    public T? Resolve(string? codeOrLabel) => FindByCode(codeOrLabel) ?? FindByLabel(codeOrLabel);
}
