using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Messaging.Outbox;

/// <summary>Wakes the relay as soon as a transaction with outbox rows commits, so events leave in milliseconds, not at the next poll.</summary>
public sealed class OutboxSignal : WakeUpSignal;

/// <summary>
/// Notifies the relay once outbox rows are committed: after a SaveChanges of its own (implicit transaction), or when
/// the caller's explicit transaction commits (a relaunch, an import batch), never before the rows are visible.
/// </summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SavedChanges(eventData, result);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
            PokeIfOutbox(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        PokeIfOutbox(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => PokeIfOutbox(eventData.Context);

    private void PokeIfOutbox(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<OutboxMessage>().Any() == true)
            signal.Notify();
    }
}
