using System.Buffers;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;

namespace Medimail.Directory.Search;

/// <summary>
/// Every directory entry in memory, with what a search needs to touch only the entries that can match: name words in
/// order (prefix ranges), exact numbers and addresses, départements; and, per entry, the facts filters and ordering read
/// (<see cref="SlotFacts"/>) side by side in one array, so walking thousands of candidates stays in the CPU cache.
/// Searches answer exactly what the SQL of <see cref="EntrySearch"/> answers (same matches, order, <c>totalSize</c> and
/// page tokens). Many searches read at once; a batch of changes waits for them and is applied whole.
/// </summary>
public sealed class EntryIndex
{
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private IndexedEntry?[] entries = new IndexedEntry?[1024];
    private SlotFacts[] facts = new SlotFacts[1024];
    /// <summary>Slots are never freed: rows are not deleted one by one (a delete reloads the whole index).</summary>
    private int slotsInUse;
    private readonly Dictionary<string, int> slotByEmail = new(StringComparer.Ordinal);
    private readonly WordPostings words = new();
    private readonly Postings numbers = new();
    private readonly Postings addresses = new();
    private readonly Postings departments = new();
    private readonly ValueCodes codes = new();

    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try { return slotByEmail.Count; }
            finally { gate.ExitReadLock(); }
        }
    }

    /// <summary>Adds or replaces entries (by address) with the rows as stored.</summary>
    public void Apply(IEnumerable<DirectoryEntry> rows)
    {
        gate.EnterWriteLock();
        try
        {
            foreach (var row in rows)
            {
                if (slotByEmail.TryGetValue(row.Email, out var slot))
                    Unlink(slot, entries[slot]!);
                else
                {
                    slot = slotsInUse++;
                    EnsureCapacity(slotsInUse);
                    slotByEmail[row.Email] = slot;
                }
                var entry = new IndexedEntry(row);
                entries[slot] = entry;
                facts[slot] = SlotFacts.Of(row, codes);
                Link(slot, entry);
            }
            words.Commit();
        }
        finally { gate.ExitWriteLock(); }
    }

    public DirectoryEntry? Find(string email)
    {
        gate.EnterReadLock();
        try { return slotByEmail.TryGetValue(email, out var slot) ? entries[slot]!.Entry : null; }
        finally { gate.ExitReadLock(); }
    }

    public SearchPage Search(SearchCriteria criteria)
    {
        List<(int Rank, DirectoryEntry Entry)> found;
        int total;
        gate.EnterReadLock();
        try
        {
            var run = new SearchRun(this, criteria);
            if (run.CanMatch)
                Walk(run, criteria);
            found = run.Top.InOrder().Select(r => (r.Rank, entries[r.Slot]!.Entry)).ToList();
            total = run.Total;
        }
        finally { gate.ExitReadLock(); }

        var page = found.Take(criteria.PageSize).ToList();
        var next = found.Count > criteria.PageSize
            ? PageToken.After(page[^1].Rank, page[^1].Entry, criteria.Fingerprint).Encode()
            : "";
        return new SearchPage(page.Select(r => r.Entry).ToList(), next, total);
    }

    /// <summary>Offers the run every entry the query itself selects, each once, with its rank.</summary>
    private void Walk(SearchRun run, SearchCriteria criteria)
    {
        switch (criteria.Query)
        {
            case SearchQuery.Address address:
                foreach (var slot in addresses.Of(address.Value)) run.ConsiderIfPasses(slot);
                break;
            case SearchQuery.Identifier number:
                foreach (var slot in numbers.Of(number.Value)) run.ConsiderIfPasses(slot);
                break;
            case SearchQuery.Name name:
                WalkName(run, name);
                break;
            default:
                if (criteria.DepartmentCode is { } department)
                    foreach (var slot in departments.Of(department)) run.ConsiderIfPasses(slot);
                else
                    foreach (var slot in slotByEmail.Values) run.ConsiderIfPasses(slot);
                break;
        }
    }

    /// <summary>
    /// Walks the words starting with the query word that reaches the fewest entries, and keeps the entries whose words
    /// also start with every other query word. Rank as in SQL: 0 when the last name is the query, 1 when it starts with
    /// it, 2 when another word matched.
    /// </summary>
    private void WalkName(SearchRun run, SearchQuery.Name name)
    {
        var driver = name.Terms.MinBy(words.CountStartingWith)!;
        var others = name.Terms.Where(term => !ReferenceEquals(term, driver)).ToArray();
        var key = name.Key;
        var keyHead = SortHead.Of(key);
        var ranges = words.StartingWith(driver).ToList();
        // An entry reached through two words of the range (martin, martine) is counted once.
        var seen = ranges.Count > 1 ? ArrayPool<ulong>.Shared.Rent((slotsInUse >> 6) + 1) : null;
        if (seen is not null) Array.Clear(seen, 0, (slotsInUse >> 6) + 1);
        try
        {
            foreach (var (_, wordSlots) in ranges)
                foreach (var slot in wordSlots)
                {
                    if (seen is not null)
                    {
                        ref var bits = ref seen[slot >> 6];
                        var bit = 1UL << (slot & 63);
                        if ((bits & bit) != 0) continue;
                        bits |= bit;
                    }
                    if (!run.PassesFilters(slot))
                        continue;
                    if (others.Length > 0 && !others.All(entries[slot]!.HasWordStartingWith))
                        continue;
                    run.Consider(slot, Rank(slot, key, keyHead));
                }
        }
        finally
        {
            if (seen is not null) ArrayPool<ulong>.Shared.Return(seen);
        }
    }

    private int Rank(int slot, string key, SortHead keyHead)
    {
        var head = facts[slot].LastName;
        if ((head.SameAs(keyHead) ?? entries[slot]!.Entry.LastNameKey == key))
            return 0;
        return (head.StartsWith(keyHead) ?? entries[slot]!.Entry.LastNameKey.StartsWith(key, StringComparison.Ordinal)) ? 1 : 2;
    }

    /// <summary>Sort order of two ranked slots: rank, then last name, first name and address keys (ordinal).</summary>
    private int Compare(int rankA, int slotA, int rankB, int slotB)
    {
        if (rankA != rankB) return rankA.CompareTo(rankB);
        var quick = facts[slotA].LastName.QuickCompare(facts[slotB].LastName);
        if (quick != 0) return quick;
        DirectoryEntry a = entries[slotA]!.Entry, b = entries[slotB]!.Entry;
        return CompareKeys(a.LastNameKey, a.FirstNameKey, a.Email, b.LastNameKey, b.FirstNameKey, b.Email);
    }

    /// <summary>Ordinal, as PostgreSQL's <c>COLLATE "C"</c> on the same keys (they differ only outside the BMP).</summary>
    private static int CompareKeys(string lastA, string firstA, string emailA, string lastB, string firstB, string emailB)
    {
        var order = string.CompareOrdinal(lastA, lastB);
        if (order == 0) order = string.CompareOrdinal(firstA, firstB);
        return order != 0 ? order : string.CompareOrdinal(emailA, emailB);
    }

    private void EnsureCapacity(int slots)
    {
        if (slots <= entries.Length) return;
        var size = Math.Max(slots, entries.Length * 2);
        Array.Resize(ref entries, size);
        Array.Resize(ref facts, size);
    }

    private void Link(int slot, IndexedEntry entry)
    {
        foreach (var word in entry.Words) words.Add(word, slot);
        var row = entry.Entry;
        numbers.Add(row.Rpps, slot);
        numbers.Add(row.Adeli, slot);
        addresses.Add(row.Email, slot);
        addresses.Add(row.MssanteAddress, slot);
        departments.Add(row.DepartmentCode, slot);
    }

    private void Unlink(int slot, IndexedEntry entry)
    {
        foreach (var word in entry.Words) words.Remove(word, slot);
        var row = entry.Entry;
        numbers.Remove(row.Rpps, slot);
        numbers.Remove(row.Adeli, slot);
        addresses.Remove(row.Email, slot);
        addresses.Remove(row.MssanteAddress, slot);
        departments.Remove(row.DepartmentCode, slot);
    }

    /// <summary>
    /// One search over the index: the filters turned into codes once, the number of matches, and the best page so far.
    /// </summary>
    private sealed class SearchRun
    {
        private readonly EntryIndex index;
        private readonly byte listedBit;
        private readonly int profession, department, postalCode, city;
        private readonly int[]? types;
        private readonly PageToken? after;
        private readonly SortHead afterHead;

        public SearchRun(EntryIndex index, SearchCriteria criteria)
        {
            this.index = index;
            listedBit = criteria.Directory == DirectoryKind.Regional ? SlotFacts.Regional : SlotFacts.National;
            profession = Code(criteria.Profession);
            department = Code(criteria.DepartmentCode);
            postalCode = Code(criteria.PostalCode);
            city = Code(criteria.CityKey);
            types = criteria.StoredTypes?.Select(index.codes.Find).Where(code => code != ValueCodes.Unknown).ToArray();
            CanMatch = profession != ValueCodes.Unknown && department != ValueCodes.Unknown && postalCode != ValueCodes.Unknown
                       && city != ValueCodes.Unknown && types is not { Length: 0 };
            after = criteria.After;
            afterHead = after is null ? default : SortHead.Of(after.LastNameKey);
            Top = new TopEntries(criteria.PageSize + 1, index.facts, index.Compare);
        }

        public bool CanMatch { get; }
        public int Total { get; private set; }
        public TopEntries Top { get; }

        public bool PassesFilters(int slot)
        {
            ref readonly var f = ref index.facts[slot];
            return (f.Listed & listedBit) != 0
                   && (profession == 0 || f.Profession == profession)
                   && (department == 0 || f.Department == department)
                   && (postalCode == 0 || f.PostalCode == postalCode)
                   && (city == 0 || f.City == city)
                   && (types is null || Array.IndexOf(types, f.Type) >= 0);
        }

        /// <summary>Without name words every match ranks 0: plain name order.</summary>
        public void ConsiderIfPasses(int slot)
        {
            if (PassesFilters(slot))
                Consider(slot, 0);
        }

        /// <summary>A match that passed the filters: counted, and kept if it belongs after the page token.</summary>
        public void Consider(int slot, int rank)
        {
            Total++;
            if (after is null || IsAfterToken(slot, rank))
                Top.Offer(rank, slot);
        }

        private bool IsAfterToken(int slot, int rank)
        {
            if (rank != after!.Rank) return rank > after.Rank;
            var quick = index.facts[slot].LastName.QuickCompare(afterHead);
            if (quick != 0) return quick > 0;
            var entry = index.entries[slot]!.Entry;
            return CompareKeys(entry.LastNameKey, entry.FirstNameKey, entry.Email, after.LastNameKey, after.FirstNameKey, after.Email) > 0;
        }

        private int Code(string? value) => value is null ? 0 : index.codes.Find(value);
    }

    /// <summary>Exact value → slots of the entries that hold it.</summary>
    private sealed class Postings
    {
        private readonly Dictionary<string, HashSet<int>> slotsByValue = new(StringComparer.Ordinal);

        public IEnumerable<int> Of(string value) => slotsByValue.TryGetValue(value, out var slots) ? slots : [];

        public void Add(string? value, int slot)
        {
            if (value is null) return;
            if (!slotsByValue.TryGetValue(value, out var slots))
                slotsByValue[value] = slots = [];
            slots.Add(slot);
        }

        public void Remove(string? value, int slot)
        {
            if (value is not null && slotsByValue.TryGetValue(value, out var slots) && slots.Remove(slot) && slots.Count == 0)
                slotsByValue.Remove(value);
        }
    }
}
