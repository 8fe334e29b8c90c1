namespace Medimail.Directory.Search;

/// <summary>
/// The distinct name words in ordinal order, each with the slots of the entries that have it. The words starting with
/// a prefix are one contiguous run of the sorted list, found by binary search.
/// </summary>
internal sealed class WordPostings
{
    private List<string> sorted = [];
    private readonly Dictionary<string, HashSet<int>> postings = new(StringComparer.Ordinal);
    private readonly List<string> added = [];
    private bool removed;

    public void Add(string word, int slot)
    {
        if (!postings.TryGetValue(word, out var slots))
        {
            postings[word] = slots = [];
            added.Add(word);
        }
        slots.Add(slot);
    }

    public void Remove(string word, int slot)
    {
        if (postings.TryGetValue(word, out var slots) && slots.Remove(slot) && slots.Count == 0)
        {
            postings.Remove(word);
            removed = true;
        }
    }

    /// <summary>
    /// Brings the sorted list in step after a batch of Add/Remove: one merge pass, so loading 200,000 entries or
    /// applying an import batch costs a sort of the new words, not an insertion into a long list per word.
    /// </summary>
    public void Commit()
    {
        if (added.Count == 0 && !removed)
            return;
        added.Sort(StringComparer.Ordinal);
        var merged = new List<string>(sorted.Count + added.Count);
        int i = 0, j = 0;
        while (i < sorted.Count || j < added.Count)
        {
            var takeOld = j == added.Count || (i < sorted.Count && string.CompareOrdinal(sorted[i], added[j]) < 0);
            var word = takeOld ? sorted[i++] : added[j++];
            // A word added then emptied within the batch, or emptied since, is dropped here.
            if (postings.ContainsKey(word) && (merged.Count == 0 || merged[^1] != word))
                merged.Add(word);
        }
        sorted = merged;
        added.Clear();
        removed = false;
    }

    /// <summary>How many (word, entry) pairs a prefix reaches: the cheapest query word drives a search.</summary>
    public int CountStartingWith(string prefix)
    {
        var count = 0;
        for (var i = FirstAtOrAfter(prefix); i < sorted.Count && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            count += postings[sorted[i]].Count;
        return count;
    }

    public IEnumerable<(string Word, HashSet<int> Slots)> StartingWith(string prefix)
    {
        for (var i = FirstAtOrAfter(prefix); i < sorted.Count && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return (sorted[i], postings[sorted[i]]);
    }

    private int FirstAtOrAfter(string prefix)
    {
        var at = sorted.BinarySearch(prefix, StringComparer.Ordinal);
        return at >= 0 ? at : ~at;
    }
}
