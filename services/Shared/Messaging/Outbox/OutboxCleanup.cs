using Medimail.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medimail.Messaging.Outbox;

/// <summary>
/// Deletes published outbox rows and old consumer records once their retention has passed, so that neither table
/// grows for ever (an import of 100,000 accounts leaves about 60 MB of events). Deletes go in chunks, each its own
/// short transaction, so the relay and the consumers never wait long behind it; replicas may run it at once.
/// </summary>
public sealed class OutboxCleanup<TDbContext>(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxCleanup<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    private const int ChunkSize = 5_000;
    private readonly OutboxOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CleanupInterval, clock);
        do
        {
            try
            {
                await CleanUpAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Outbox cleanup failed; retrying at the next interval");
            }
        } while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    /// <summary>One pass. Returns how many outbox rows and consumer records were deleted.</summary>
    public async Task<(long Outbox, long Processed)> CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sentBefore = now - settings.RetainSent;
        var processedBefore = now - settings.RetainProcessed;
        var outbox = await DeleteInChunksAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM outbox_messages WHERE id IN (
                SELECT id FROM outbox_messages WHERE sent_at < {sentBefore} LIMIT {ChunkSize} FOR UPDATE SKIP LOCKED)
            """, cancellationToken));
        var processed = await DeleteInChunksAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM processed_messages WHERE (message_id, consumer) IN (
                SELECT message_id, consumer FROM processed_messages WHERE processed_at < {processedBefore} LIMIT {ChunkSize})
            """, cancellationToken));
        if (outbox + processed > 0)
            logger.LogInformation("Outbox cleanup deleted {Outbox} published messages and {Processed} consumer records", outbox, processed);
        return (outbox, processed);
    }

    private async Task<long> DeleteInChunksAsync(Func<TDbContext, Task<int>> deleteChunk)
    {
        long total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            deleted = await deleteChunk(scope.ServiceProvider.GetRequiredService<TDbContext>());
            total += deleted;
        } while (deleted == ChunkSize);
        return total;
    }
}
