using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.Directory.Search;

/// <summary>Ready once the index is loaded: a new replica takes searches only when it answers them from memory.</summary>
public sealed class EntryIndexHealthCheck(EntryIndexFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed.Current is { } index
            ? HealthCheckResult.Healthy($"{index.Count} entries in memory")
            : HealthCheckResult.Unhealthy("The directory index is loading."));
}
