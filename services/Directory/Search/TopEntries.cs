namespace Medimail.Directory.Search;

/// <summary>The first <c>capacity</c> (rank, slot) pairs in sort order among those offered, in a bounded max-heap.</summary>
internal sealed class TopEntries
{
    private readonly int capacity;
    private readonly Func<int, int, int, int, int> compare;
    private readonly PriorityQueue<(int Rank, int Slot), (int Rank, int Slot)> heap;

    /// <param name="compare">Sort order of (rank A, slot A) and (rank B, slot B).</param>
    public TopEntries(int capacity, Func<int, int, int, int, int> compare)
    {
        this.capacity = capacity;
        this.compare = compare;
        heap = new(capacity, Comparer<(int Rank, int Slot)>.Create((a, b) => compare(b.Rank, b.Slot, a.Rank, a.Slot)));
    }

    public void Offer(int rank, int slot)
    {
        if (heap.Count < capacity)
            heap.Enqueue((rank, slot), (rank, slot));
        else if (compare(rank, slot, heap.Peek().Rank, heap.Peek().Slot) < 0)
            heap.EnqueueDequeue((rank, slot), (rank, slot));
    }

    public List<(int Rank, int Slot)> InOrder()
    {
        var found = heap.UnorderedItems.Select(item => item.Element).ToList();
        found.Sort((a, b) => compare(a.Rank, a.Slot, b.Rank, b.Slot));
        return found;
    }
}
