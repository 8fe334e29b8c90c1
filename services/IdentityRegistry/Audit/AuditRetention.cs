using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Audit;

/// <summary>
/// Deletes entries older than <c>Audit:Retention</c> (400 days; never under the 6 months the MSSanté rules require), in
/// chunks of 5,000 rows each in its own short transaction, so the table is never locked long. Replicas share the work:
/// each chunk claims its rows with SKIP LOCKED, so two purges never wait on or delete the same rows.
/// </summary>
internal sealed class AuditRetention(IServiceScopeFactory scopes, AuditOptions options, TimeProvider clock, ILogger<AuditRetention> logger) : BackgroundService
{
    private const int ChunkSize = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PurgeInterval, clock);
        do
        {
            try
            {
                if (await PurgeAsync(stoppingToken) is > 0 and var count)
                    logger.LogInformation("{Count} audit entries older than {Retention} purged", count, options.Retention);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The audit purge failed; it runs again at the next interval");
            }
        } while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Retention;
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM audit_entries WHERE id IN (
                    SELECT id FROM audit_entries WHERE time < {cutoff} ORDER BY id LIMIT {ChunkSize} FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
            total += deleted;
        } while (deleted == ChunkSize);
        return total;
    }
}

/// <summary><c>Audit:Retention</c> (default 400 days, at least 183) and <c>Audit:PurgeInterval</c> (default 1 hour).</summary>
internal sealed class AuditOptions
{
    public const string Section = "Audit";

    public static readonly TimeSpan MinimumRetention = TimeSpan.FromDays(183);

    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
