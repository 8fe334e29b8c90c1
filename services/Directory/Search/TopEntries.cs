namespace Medimail.Directory.Search;

/// <summary>
/// The first <c>capacity</c> (rank, slot) pairs in sort order among those offered, kept sorted. Most candidates of a
/// broad search lose to the last one kept: that test reads only ranks and <see cref="SortHead"/>s, without a call.
/// </summary>
internal sealed class TopEntries(int capacity, SlotFacts[] facts, Func<int, int, int, int, int> compare)
{
    private readonly int[] ranks = new int[capacity];
    private readonly int[] slots = new int[capacity];
    private int count;

    public void Offer(int rank, int slot)
    {
        if (count == capacity)
        {
            int lastRank = ranks[count - 1], lastSlot = slots[count - 1];
            if (rank > lastRank)
                return;
            if (rank == lastRank)
            {
                var quick = facts[slot].LastName.QuickCompare(facts[lastSlot].LastName);
                if (quick > 0 || quick == 0 && compare(rank, slot, lastRank, lastSlot) > 0)
                    return;
            }
            count--;
        }

        int low = 0, high = count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (compare(ranks[middle], slots[middle], rank, slot) < 0) low = middle + 1;
            else high = middle;
        }
        Array.Copy(ranks, low, ranks, low + 1, count - low);
        Array.Copy(slots, low, slots, low + 1, count - low);
        ranks[low] = rank;
        slots[low] = slot;
        count++;
    }

    public IEnumerable<(int Rank, int Slot)> InOrder()
    {
        for (var i = 0; i < count; i++)
            yield return (ranks[i], slots[i]);
    }
}
