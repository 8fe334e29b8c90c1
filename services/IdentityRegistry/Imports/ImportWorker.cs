using System.Threading.Channels;
using Medimail.IdentityRegistry.Data;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>Wakes the worker when an import is started, instead of waiting for its next look.</summary>
internal sealed class ImportSignal
{
    private readonly Channel<Guid> _started = Channel.CreateUnbounded<Guid>();

    public void Started(Guid jobId) => _started.Writer.TryWrite(jobId);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _started.Reader.WaitToReadAsync(cancellationToken);

    public void Drain()
    {
        while (_started.Reader.TryRead(out _)) { }
    }
}

/// <summary>
/// Processes RUNNING imports, one at a time, in start order. After a restart it finds the jobs left RUNNING and
/// resumes them from their committed progress.
/// </summary>
internal sealed class ImportWorker(IServiceScopeFactory scopes, ImportJobRunner runner, ImportSignal signal, ILogger<ImportWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                signal.Drain();
                foreach (var jobId in await RunningJobsAsync(stoppingToken))
                    await runner.RunAsync(jobId, stoppingToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(PollInterval);
                try { await signal.WaitAsync(timeout.Token); }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is down, say: the jobs stay RUNNING and are taken up again on the next look.
                logger.LogWarning(ex, "The import worker could not run; it retries shortly");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<List<Guid>> RunningJobsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.Set<ImportJobRecord>().AsNoTracking()
            .Where(j => j.State == ImportStates.Running)
            .OrderBy(j => j.CreatedAt)
            .Select(j => j.Id)
            .ToListAsync(cancellationToken);
    }
}
