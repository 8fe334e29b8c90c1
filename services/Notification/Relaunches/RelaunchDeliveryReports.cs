using System.Text.Json;
using Medimail.Contracts;
using Medimail.Messaging.Outbox;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Notification.Relaunches;

/// <summary>
/// A relaunch's delivery outcome for the audit (which lives in Identity-Registry, where the relaunch itself is traced when
/// its links are issued): once every recipient's mail has reached a final state (sent, or failed for good), an
/// <see cref="AuditRecorded"/> "RelaunchDelivered" with the figures leaves through the outbox in the same transaction that
/// turns the relaunch DELIVERED, so it is reported once, also with several replicas (rows claimed FOR UPDATE SKIP LOCKED).
/// Every <c>Relaunch:DeliveryReportInterval</c> (30 s).
/// </summary>
public sealed class RelaunchDeliveryReports(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock,
    ILogger<RelaunchDeliveryReports> logger) : BackgroundService
{
    public const string Action = "RelaunchDelivered";
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Relaunch:DeliveryReportInterval", TimeSpan.FromSeconds(30)), clock);
        do
        {
            try
            {
                if (await ReportSettledAsync(stoppingToken) is > 0 and var count)
                    logger.LogInformation("{Count} relaunch(es) delivered, reported to the audit", count);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The relaunch delivery report failed; it runs again at the next interval");
            }
        } while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    /// <summary>Reports the relaunches whose mails are all settled; returns how many.</summary>
    public async Task<int> ReportSettledAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settled = await db.Relaunches.FromSql($"""
            SELECT r.* FROM relaunches r
            WHERE r.state = {RelaunchStates.Issued}
              AND r.recipient_count <= (SELECT count(DISTINCT n.recipient) FROM notifications n
                                        WHERE n.relaunch_id = r.id::text AND n.state IN ({NotificationStates.Sent}, {NotificationStates.Failed}))
            ORDER BY r.created_at
            LIMIT {BatchSize}
            FOR UPDATE OF r SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (settled.Count == 0)
            return 0;

        var ids = settled.Select(r => r.Id.ToString()).ToList();
        var outcomes = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.RelaunchId!))
            .GroupBy(n => new { n.RelaunchId, n.State }).Select(g => new { g.Key.RelaunchId, g.Key.State, Count = g.Select(n => n.Recipient).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var relaunch in settled)
        {
            var id = relaunch.Id.ToString();
            var sent = outcomes.Where(o => o.RelaunchId == id && o.State == NotificationStates.Sent).Sum(o => o.Count);
            var failed = outcomes.Where(o => o.RelaunchId == id && o.State == NotificationStates.Failed).Sum(o => o.Count);
            relaunch.Delivered();
            db.AddOutboxMessage(new AuditRecorded(now, "notification", "system", Action, relaunch.StructureId, relaunch.StructureId, null,
                JsonSerializer.Serialize(new { relaunchId = id, requestedBy = relaunch.RequestedBy, recipients = relaunch.RecipientCount, sent, failed }),
                failed == 0 ? "SUCCEEDED" : "FAILED", failed == 0 ? null : $"{failed} courriel(s) de relance non remis", null), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return settled.Count;
    }
}
