using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Medimail.Directory.Data;
using Medimail.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Medimail.Directory.Search;

/// <summary>
/// The in-memory index against the table it mirrors: <c>medimail_directory_index_entries</c> (this replica),
/// <c>medimail_directory_database_entries</c> (the table, one count per reading lifetime) and
/// <c>medimail_directory_index_lag_seconds</c>, how long ago the last catch-up started: every change committed before
/// then is searchable here. The listener catches up on every commit and at least every poll interval, so a lag well
/// above that interval means the feed is stuck.
/// </summary>
public sealed class DirectoryMetrics : IHostedService, IDisposable
{
    private readonly Meter meter = new("Medimail.Directory");
    private readonly IServiceScopeFactory scopes;
    private readonly CachedReading<StrongBox<long>> tableCount;

    public DirectoryMetrics(EntryIndexFeed feed, IServiceScopeFactory scopes, IOptions<MetricsOptions> options, TimeProvider clock,
        ILogger<DirectoryMetrics> logger)
    {
        this.scopes = scopes;
        tableCount = new CachedReading<StrongBox<long>>(CountAsync, options.Value.ReadingLifetime, clock, logger);
        meter.CreateObservableGauge("medimail.directory.index.entries",
            () => feed.Current is { } index ? [new Measurement<long>(index.Count)] : Array.Empty<Measurement<long>>(),
            description: "Entries in this replica's in-memory search index (absent while it loads).");
        meter.CreateObservableGauge("medimail.directory.database.entries",
            () => tableCount.Get() is { } count ? [new Measurement<long>(count.Value)] : Array.Empty<Measurement<long>>(),
            description: "Rows of directory_entries.");
        meter.CreateObservableGauge("medimail.directory.index.lag",
            () => feed.CaughtUpTo is { } at ? [new Measurement<double>((clock.GetUtcNow() - at).TotalSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Time since the start of the index's last catch-up with the database.");
    }

    private async Task<StrongBox<long>> CountAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        return new StrongBox<long>(await db.Entries.LongCountAsync(cancellationToken));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => meter.Dispose();
}
