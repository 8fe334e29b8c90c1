using Medimail.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Medimail.ServiceDefaults.Telemetry;

public static class OpenTelemetrySetup
{
    /// <summary>
    /// Metrics for ASP.NET Core, HttpClient, gRPC calls, MassTransit and the platform's own meters (<c>Medimail.*</c>),
    /// scraped at <c>GET /metrics</c>; traces exported by OTLP when an endpoint is set.
    /// </summary>
    public static void AddMedimailTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentationIfAvailable()
                .AddMeter("MassTransit", "Medimail.*")
                .AddPrometheusExporter());
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return;

        // Spans are recorded only when they go somewhere: with no collector, recording one per call, proxy hop and
        // message would cost CPU on every request for nothing. Correlation ids do not depend on it.
        telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/metrics");
                    // Enrolment tokens are bearer credentials: a trace keeps the path with the token masked.
                    o.EnrichWithHttpRequest = (activity, request) => MaskTags(activity);
                    o.EnrichWithHttpResponse = (activity, _) => MaskTags(activity);
                })
                .AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = (activity, _) => MaskTags(activity);
                    o.EnrichWithHttpResponseMessage = (activity, _) => MaskTags(activity);
                })
                .AddGrpcClientInstrumentation()
                .AddSource("MassTransit", "Medimail.*"))
            .UseOtlpExporter();
    }

    private static readonly string[] PathTags = ["url.path", "url.full", "http.target", "http.url", "url.query"];

    /// <summary>The span's path and URL tags, and its name, with enrolment tokens masked.</summary>
    internal static void MaskTags(System.Diagnostics.Activity activity)
    {
        foreach (var tag in PathTags)
        {
            if (activity.GetTagItem(tag) is string value && SafeText.ForLog(value) is var safe && !ReferenceEquals(safe, value))
                activity.SetTag(tag, safe);
        }
        if (SafeText.ForLog(activity.DisplayName) is var name && !ReferenceEquals(name, activity.DisplayName))
            activity.DisplayName = name;
    }

    /// <summary>
    /// <c>GET /metrics</c> in the Prometheus text format, without a token: the scraper reaches it inside the cluster
    /// (NetworkPolicy), and the ingress routes only the public API paths, never this one.
    /// </summary>
    public static void MapMedimailMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();

    // Runtime metrics come from the built-in System.Runtime meter since .NET 9.
    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder metrics) =>
        metrics.AddMeter("System.Runtime");
}
