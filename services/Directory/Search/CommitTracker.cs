using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Medimail.Directory.Search;

/// <summary>
/// Read-your-writes within one instance: a search waits for the commits of this instance that were under way when it
/// started, until the index has caught up with them. Without it, a caller that saw a consumer's transaction commit (an
/// event marked processed, a SetVisibility answered) could search an index a few milliseconds behind. Each commit on
/// the Directory's DbContext is tracked from just before it is sent until the catch-up after it has read the table.
/// </summary>
public sealed class CommitTracker(EntryIndexFeed feed, ILogger<CommitTracker> logger) : DbTransactionInterceptor
{
    /// <summary>A search never waits longer than this for the index; past it, it answers from what the index holds.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> inFlight = new();

    public Task WhenSettledAsync(CancellationToken cancellationToken)
    {
        if (inFlight.IsEmpty)
            return Task.CompletedTask;
        return Task.WhenAll(inFlight.Values.Select(commit => commit.Task)).WaitAsync(MaxWait, cancellationToken)
            .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        // Until the index is loaded, searches answer from SQL and the load will read this commit anyway (migrations too).
        if (feed.Current is not null)
            inFlight[eventData.TransactionId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return ValueTask.FromResult(result);
    }

    public override async Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!inFlight.ContainsKey(eventData.TransactionId))
            return;
        try
        {
            await feed.CatchUpAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // The commit stands; the listener's next catch-up brings the change in.
            logger.LogWarning(ex, "Directory index catch-up after a commit failed");
        }
        finally
        {
            Settle(eventData.TransactionId);
        }
    }

    public override Task TransactionFailedAsync(
        DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Settle(eventData.TransactionId);
        return Task.CompletedTask;
    }

    private void Settle(Guid transactionId)
    {
        if (inFlight.TryRemove(transactionId, out var commit))
            commit.TrySetResult();
    }
}
