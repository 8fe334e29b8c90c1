using System.Runtime.InteropServices;

namespace Medimail.Directory.Search;

/// <summary>
/// The distinct name words, each with the slots of the entries that have it. The words starting with a prefix are
/// found by binary search in two runs kept in ordinal order: <c>settled</c>, which holds most words, and <c>recent</c>,
/// the words added since it was last merged in. A batch of changes (an import event, a catch-up) merges its new words
/// into the small run only; the large one is merged into when the small one outgrows an eighth of it. Before, every
/// batch rebuilt the one sorted list of all words: importing 100,000 accounts with distinct names, in batches of 500,
/// walked and reallocated a list of up to 200,000 words 200 times (bench/import: the Directory's CPU for a first
/// import fell from 13.6-14.0 to 10.5-11.9 s with this).
/// </summary>
internal sealed class WordPostings(int minRecentRun = 4096)
{
    private readonly List<string> settled = [];
    private readonly List<string> recent = [];
    private readonly List<string> added = [];
    private readonly Dictionary<string, HashSet<int>> postings = new(StringComparer.Ordinal);
    // Words whose last entry went, still in a run (or in `added`) until the next clean-up; readers skip them.
    private readonly HashSet<string> emptied = new(StringComparer.Ordinal);

    public void Add(string word, int slot)
    {
        if (!postings.TryGetValue(word, out var slots))
        {
            postings[word] = slots = [];
            // A word emptied earlier is still in its run: it comes back to life there.
            if (!emptied.Remove(word))
                added.Add(word);
        }
        slots.Add(slot);
    }

    public void Remove(string word, int slot)
    {
        if (postings.TryGetValue(word, out var slots) && slots.Remove(slot) && slots.Count == 0)
        {
            postings.Remove(word);
            emptied.Add(word);
        }
    }

    /// <summary>Brings the runs in step after a batch of Add/Remove.</summary>
    public void Commit()
    {
        if (added.Count > 0)
        {
            added.Sort(StringComparer.Ordinal);
            MergeInto(recent, added);
            added.Clear();
        }
        var threshold = Math.Max(minRecentRun, settled.Count / 8);
        if (recent.Count > threshold)
        {
            MergeInto(settled, recent);
            recent.Clear();
        }
        if (emptied.Count > threshold)
        {
            settled.RemoveAll(emptied.Contains);
            recent.RemoveAll(emptied.Contains);
            emptied.Clear();
        }
    }

    /// <summary>How many (word, entry) pairs a prefix reaches: the cheapest query word drives a search.</summary>
    public int CountStartingWith(string prefix) => CountIn(settled, prefix) + CountIn(recent, prefix);

    public IEnumerable<(string Word, HashSet<int> Slots)> StartingWith(string prefix) =>
        InRun(settled, prefix).Concat(InRun(recent, prefix));

    private int CountIn(List<string> run, string prefix)
    {
        var count = 0;
        for (var i = FirstAtOrAfter(run, prefix); i < run.Count && run[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            if (postings.TryGetValue(run[i], out var slots))
                count += slots.Count;
        return count;
    }

    private IEnumerable<(string Word, HashSet<int> Slots)> InRun(List<string> run, string prefix)
    {
        for (var i = FirstAtOrAfter(run, prefix); i < run.Count && run[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            if (postings.TryGetValue(run[i], out var slots))
                yield return (run[i], slots);
    }

    private static int FirstAtOrAfter(List<string> run, string prefix)
    {
        var at = run.BinarySearch(prefix, StringComparer.Ordinal);
        return at >= 0 ? at : ~at;
    }

    /// <summary>
    /// Merges sorted <paramref name="words"/> into the sorted <paramref name="run"/> in place, from the back: no new list,
    /// the run's array only grows. The two never share a word: a word enters <c>added</c> only when it is in no run.
    /// </summary>
    private static void MergeInto(List<string> run, List<string> words)
    {
        var i = run.Count - 1;
        var j = words.Count - 1;
        CollectionsMarshal.SetCount(run, run.Count + words.Count);
        var merged = CollectionsMarshal.AsSpan(run);
        for (var k = merged.Length - 1; j >= 0; k--)
            merged[k] = i >= 0 && string.CompareOrdinal(merged[i], words[j]) > 0 ? merged[i--] : words[j--];
    }
}
