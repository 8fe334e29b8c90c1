using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.ServiceDefaults.Health;

public static class HealthSetup
{
    public const string ReadyTag = "ready";

    /// <summary>Liveness is the process itself; readiness adds what the service needs (its database, the broker).</summary>
    public static IHealthChecksBuilder AddMedimailHealth(this IServiceCollection services)
    {
        services.AddGrpcHealthChecks(o => o.Services.Map("", r => r.Tags.Contains(ReadyTag)));
        return services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
    }

    /// <summary><c>GET /health</c> answers 200 only when every readiness check passes, with a JSON summary.</summary>
    public static void MapMedimailHealth(this WebApplication app)
    {
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteJson,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Name == "self" }).AllowAnonymous();
    }

    private static Task WriteJson(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
}
