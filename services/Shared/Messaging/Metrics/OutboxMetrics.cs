using System.Diagnostics.Metrics;
using Medimail.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medimail.Messaging.Metrics;

/// <summary>
/// <c>medimail_outbox_backlog</c> (unsent rows, by whether a bulk job still holds them) and
/// <c>medimail_outbox_oldest_unsent_age_seconds</c> (the oldest unsent row no job holds: what a stuck relay or an
/// unreachable broker makes grow). One query on the relay's partial index per reading lifetime.
/// </summary>
public sealed class OutboxMetrics<TDbContext> : IHostedService, IDisposable where TDbContext : DbContext
{
    private readonly Meter meter = new("Medimail.Messaging.Outbox");
    private readonly IServiceScopeFactory scopes;
    private readonly CachedReading<Backlog> reading;

    public OutboxMetrics(IServiceScopeFactory scopes, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<OutboxMetrics<TDbContext>> logger)
    {
        this.scopes = scopes;
        reading = new CachedReading<Backlog>(ReadAsync, options.Value.ReadingLifetime, clock, logger);
        meter.CreateObservableGauge("medimail.outbox.backlog", ObserveBacklog, description: "Outbox rows not yet published.");
        meter.CreateObservableGauge("medimail.outbox.oldest_unsent_age", ObserveAge, "s",
            "Age of the oldest unsent outbox row that no bulk job holds back.");
    }

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        if (reading.Get() is not { } backlog)
            yield break;
        yield return new Measurement<long>(backlog.Due, new KeyValuePair<string, object?>("state", "due"));
        yield return new Measurement<long>(backlog.Held, new KeyValuePair<string, object?>("state", "held"));
    }

    private IEnumerable<Measurement<double>> ObserveAge()
    {
        if (reading.Get() is { } backlog)
            yield return new Measurement<double>(backlog.OldestAgeSeconds);
    }

    private async Task<Backlog> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<TDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FILTER (WHERE held_by IS NULL),
                   count(*) FILTER (WHERE held_by IS NOT NULL),
                   COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE held_by IS NULL)), 0)::float8
            FROM outbox_messages WHERE sent_at IS NULL
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Backlog(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => meter.Dispose();

    private sealed record Backlog(long Due, long Held, double OldestAgeSeconds);
}
