using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.Gateway.Health;

/// <summary>One backend is ready when its <c>GET /health</c> answers 200 before the deadline.</summary>
internal sealed class BackendHealthCheck(IHttpClientFactory clients, Uri address, TimeSpan deadline) : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
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
