using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Medimail.ServiceDefaults.Logging;

public static class SerilogSetup
{
    /// <summary>Readable console in development, compact JSON (one event per line, for log shippers) elsewhere.</summary>
    public static void AddMedimailLogging(this WebApplicationBuilder builder)
    {
        var service = builder.Environment.ApplicationName;
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
                .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
                .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Service", service)
                // Last enricher: it sees every property the others and the call site added.
                .Enrich.With<LogSafetyEnricher>();
            if (builder.Environment.IsDevelopment())
                logger.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {Service} {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}");
            else
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
    }

    /// <summary>
    /// One line per request; the query string is left out because enrolment tokens and searches travel there. The
    /// path is logged masked (RequestPath too, which Serilog adds itself): <see cref="LogSafetyEnricher"/> sees it
    /// before any sink.
    /// </summary>
    public static void UseMedimailRequestLogging(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestRoute} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("RequestRoute", SafeRoute.Of(http));
            options.GetLevel = (http, _, ex) =>
                ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
    }
}
