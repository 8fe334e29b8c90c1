namespace Medimail.Messaging.Outbox;

/// <summary>
/// The publishes of one relay pass still waiting for the broker's confirm, and the payload size they hold. Room for a
/// new one is made by waiting for the oldest (confirms come back in publish order), whatever its outcome: the relay
/// reads each outcome afterwards. A single row larger than the budget still goes, alone.
/// </summary>
public sealed class UnconfirmedWindow(long maxBytes)
{
    private readonly Queue<(Task Publish, int Bytes)> pending = new();
    private long bytes;

    public long PendingBytes => bytes;

    public async Task MakeRoomAsync(int nextBytes)
    {
        while (pending.Count > 0 && (bytes + nextBytes > maxBytes || pending.Peek().Publish.IsCompleted))
        {
            var (oldest, size) = pending.Dequeue();
            await oldest.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            bytes -= size;
        }
    }

    public void Add(Task publish, int size)
    {
        pending.Enqueue((publish, size));
        bytes += size;
    }
}
