using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>Wakes the worker when an import is started, instead of waiting for its next look.</summary>
internal sealed class ImportSignal : WakeUpSignal;

/// <summary>
/// Processes RUNNING imports, one at a time, in start order. After a restart it finds the jobs left RUNNING and
/// resumes them from their committed progress.
/// </summary>
internal sealed class ImportWorker(IServiceScopeFactory scopes, ImportJobRunner runner, ImportSignal signal, ILogger<ImportWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    // The database is down, say: the jobs stay RUNNING and are taken up again on the next pass.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signal.RunAsync("Import worker", async cancellationToken =>
        {
            foreach (var jobId in await RunningJobsAsync(cancellationToken))
                await runner.RunAsync(jobId, cancellationToken);
            return null;
        }, PollInterval, TimeProvider.System, logger, stoppingToken);

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
