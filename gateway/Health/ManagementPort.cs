using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Gateway.Health;

/// <summary>
/// The gateway's HTTP port is the public one (the ingress), so its metrics live on a port of their own
/// (<c>Ports__Metrics</c>, 8082) that only the scraper reaches (NetworkPolicy): <c>GET /metrics</c> answers there and
/// nowhere else, and nothing else answers there (the public API is not reachable through the management port).
/// </summary>
internal static class ManagementPort
{
    public const string MetricsPath = "/metrics";

    public static void Apply(WebApplication app)
    {
        var ports = app.Services.GetRequiredService<PortsOptions>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http => IsManagement(http, ports) && http.Request.Path == MetricsPath);
        app.Use((http, next) =>
        {
            if (!IsManagement(http, ports))
                return next(http);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    private static bool IsManagement(HttpContext http, PortsOptions ports) => http.Connection.LocalPort == ports.Metrics;
}
