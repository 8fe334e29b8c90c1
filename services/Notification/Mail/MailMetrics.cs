using System.Diagnostics.Metrics;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Medimail.Notification.Mail;

/// <summary>
/// <c>medimail_mail_sends_total{outcome="sent|retried|failed"}</c> as this replica tries mails, and, read from the
/// queue (shared by every replica, one query on the sender's partial index per reading lifetime),
/// <c>medimail_mail_queued</c> and <c>medimail_mail_queue_oldest_age_seconds</c>: what Notification's
/// autoscaling and the mail-queue alert watch.
/// </summary>
public sealed class MailMetrics : IHostedService, IDisposable
{
    private static readonly Meter Meter = new("Medimail.Mail");
    private static readonly Counter<long> Sends = Meter.CreateCounter<long>("medimail.mail.sends", description: "Mails tried, by outcome.");
    // The gauges live as long as this host (tests start several in one process); the counter is process-wide.
    private readonly Meter queueMeter = new("Medimail.Mail.Queue");
    private readonly IServiceScopeFactory scopes;
    private readonly CachedReading<Queue> reading;

    public MailMetrics(IServiceScopeFactory scopes, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<MailMetrics> logger)
    {
        this.scopes = scopes;
        reading = new CachedReading<Queue>(ReadAsync, options.Value.ReadingLifetime, clock, logger);
        queueMeter.CreateObservableGauge("medimail.mail.queued",
            () => reading.Get() is { } q ? [new Measurement<long>(q.Count)] : Array.Empty<Measurement<long>>(),
            description: "Mails waiting to be sent (QUEUED), all replicas.");
        queueMeter.CreateObservableGauge("medimail.mail.queue.oldest_age",
            () => reading.Get() is { } q ? [new Measurement<double>(q.OldestAgeSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Age of the oldest QUEUED mail.");
    }

    public static void Tried(MailNotification mail) =>
        Sends.Add(1, new KeyValuePair<string, object?>("outcome", mail.State switch
        {
            NotificationStates.Sent => "sent",
            NotificationStates.Failed => "failed",
            _ => "retried",
        }));

    private async Task<Queue> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<NotificationDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8
            FROM notifications WHERE state = '{NotificationStates.Queued}'
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Queue(reader.GetInt64(0), reader.GetDouble(1));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => queueMeter.Dispose();

    private sealed record Queue(long Count, double OldestAgeSeconds);
}
