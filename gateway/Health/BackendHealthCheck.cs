using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.Gateway.Health;

/// <summary>
/// One backend is ready when its <c>GET /health</c> answers 200 before the deadline. /health/ready is anonymous: its
/// result is shared for <c>Health:CacheFor</c> (1 s) by every caller, and concurrent callers share one probe, so a
/// flood of readiness requests costs the backends one probe each per second, not one per request.
/// </summary>
internal sealed class BackendHealthCheck(IHttpClientFactory clients, Uri address, TimeSpan deadline, TimeSpan cacheFor = default) : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, (long Until, Task<HealthCheckResult> Probe)> Recent = new();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = Environment.TickCount64;
        if (Recent.TryGetValue(address, out var recent) && now < recent.Until)
            return recent.Probe;
        // The probe runs on its own deadline, not on this caller's token: callers that share it may stay longer.
        var probe = ProbeAsync(CancellationToken.None);
        Recent[address] = (now + (long)cacheFor.TotalMilliseconds, probe);
        return probe;
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var data = new Dictionary<string, object> { ["address"] = address.ToString() };
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.StatusCode == HttpStatusCode.OK
                ? HealthCheckResult.Healthy("answered 200", data)
                : HealthCheckResult.Unhealthy($"answered {(int)response.StatusCode}", data: data);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"no answer within {deadline.TotalSeconds:0.#} s", data: data);
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"unreachable: {ex.Message}", data: data);
        }
    }
}
