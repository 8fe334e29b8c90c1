using Medimail.Mailbox.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Medimail.Mailbox.Traces;

/// <summary>Settings <c>Traces__*</c>: traces are kept at least six months (Ségur), then purged in chunks.</summary>
public sealed class TraceRetentionOptions
{
    public const string Section = "Traces";

    /// <summary>How long a trace is kept; 186 days covers any six calendar months.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(186);
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
    public int PurgeBatchSize { get; set; } = 5000;
}

/// <summary>
/// Deletes traces older than the retention, one chunk per short transaction. Chunks are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several replicas purging at once split the work instead of waiting on each other.
/// </summary>
public sealed class TraceRetention(IServiceScopeFactory scopes, IOptions<TraceRetentionOptions> options, TimeProvider clock,
    ILogger<TraceRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                    logger.LogInformation("Purged {Count} trace(s) older than {Retention}", purged, options.Value.Retention);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Trace purge failed; next attempt in {Interval}", options.Value.PurgeInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        var batch = options.Value.PurgeBatchSize;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailboxDbContext>();
            var deleted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                DELETE FROM traces WHERE id IN (
                    SELECT id FROM traces WHERE time < {cutoff} ORDER BY time LIMIT {batch} FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
            total += deleted;
            if (deleted < batch)
                break;
        }
        return total;
    }
}
