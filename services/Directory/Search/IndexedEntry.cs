using Medimail.Directory.Domain;

namespace Medimail.Directory.Search;

/// <summary>An entry as the in-memory index holds it: the row, and its name words split once.</summary>
internal sealed class IndexedEntry(DirectoryEntry entry)
{
    public DirectoryEntry Entry { get; } = entry;

    /// <summary>The words of <c>search_words</c>, distinct: the very words the SQL <c>LIKE '% term%'</c> looks at.</summary>
    public string[] Words { get; } = entry.SearchWords.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool HasWordStartingWith(string term) => FirstWordStartingWith(term) is not null;

    /// <summary>
    /// The first of this entry's words that starts with <paramref name="term"/>. An entry reached through several words
    /// of one prefix ("mart" → martin, martine) is counted from this word only.
    /// </summary>
    public string? FirstWordStartingWith(string term)
    {
        foreach (var word in Words)
            if (word.StartsWith(term, StringComparison.Ordinal))
                return word;
        return null;
    }
}
