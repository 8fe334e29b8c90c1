using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Medimail.Messaging.Outbox;

/// <summary>Wakes the relay as soon as a transaction with outbox rows commits, so events leave in milliseconds, not at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Notifies the relay after a SaveChanges that wrote outbox rows.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Poke(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Poke(eventData);
        return result;
    }

    private void Poke(SaveChangesCompletedEventData eventData)
    {
        // Inside an explicit transaction the rows are not visible yet; the poll will find them after commit.
        if (eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any() == true)
            signal.Notify();
    }
}
