using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.Gateway.Health;

internal static class HealthResponses
{
    public const string SelfTag = "self";
    public const string ReadyTag = "ready";

    /// <summary>Each backend's state, and the names of those that are down, so an operator sees at once what to fix.</summary>
    public static Task WriteReadiness(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            down = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).Order().ToArray(),
            // The gateway's own shutdown check is not a backend: "down" names it while it drains.
            backends = report.Entries.Where(e => e.Key != Medimail.ServiceDefaults.Hosting.GracefulShutdown.ReadinessCheckName).ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                address = e.Value.Data.TryGetValue("address", out var address) ? address : null,
                description = e.Value.Description,
                durationMs = (int)e.Value.Duration.TotalMilliseconds,
            }),
        });

    public static Task WriteSelf(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new { status = report.Status.ToString() });
}
