using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.Gateway.Health;

/// <summary>
/// One backend is ready when its <c>GET /health</c> answers 200 before the deadline. /health/ready is anonymous: its
/// result is shared for <c>Health:CacheFor</c> (1 s) by every caller, and concurrent callers share one probe, so a
/// flood of readiness requests costs the backends one probe each per second, not one per request.
/// </summary>
internal sealed class BackendHealthCheck : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    private readonly IHttpClientFactory clients;
    private readonly ReadinessProbes probes;
    private readonly Uri address;
    private readonly TimeSpan deadline;
    private readonly TimeSpan cacheFor;

    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
    public BackendHealthCheck(IHttpClientFactory clients, ReadinessProbes probes, Uri address, TimeSpan deadline, TimeSpan cacheFor)
    {
        this.clients = clients;
        this.probes = probes;
        this.address = address;
        this.deadline = deadline;
        this.cacheFor = cacheFor;
    }

    /// <summary>One probe per call, nothing shared.</summary>
    public BackendHealthCheck(IHttpClientFactory clients, Uri address, TimeSpan deadline)
        : this(clients, new ReadinessProbes(), address, deadline, TimeSpan.Zero) { }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        // The probe runs on its own deadline, not on this caller's token: callers that share it may stay longer.
        probes.Get(address, cacheFor, () => ProbeAsync(CancellationToken.None));

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

/// <summary>The gateway's recent probe of each backend, shared by every readiness request for a short while.</summary>
internal sealed class ReadinessProbes
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, (long Until, Task<HealthCheckResult> Probe)> recent = new();

    public Task<HealthCheckResult> Get(Uri address, TimeSpan cacheFor, Func<Task<HealthCheckResult>> probe)
    {
        var now = Environment.TickCount64;
        if (recent.TryGetValue(address, out var last) && now < last.Until)
            return last.Probe;
        var next = probe();
        if (cacheFor > TimeSpan.Zero)
            recent[address] = (now + (long)cacheFor.TotalMilliseconds, next);
        return next;
    }
}
