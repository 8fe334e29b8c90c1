using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Health;
using Medimail.ServiceDefaults.Hosting;
using Medimail.ServiceDefaults.Logging;
using Medimail.ServiceDefaults.OpenApi;
using Medimail.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Medimail.ServiceDefaults;

public static class Extensions
{
    /// <summary>Logging, telemetry, health, token validation, gRPC with precise errors, the two ports, the OpenAPI document.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, int defaultGrpcPort, int defaultHttpPort)
    {
        builder.AddMedimailLogging();
        builder.AddMedimailTelemetry();
        builder.ConfigureMedimailPorts(defaultGrpcPort, defaultHttpPort);
        builder.AddMedimailAuthentication();
        builder.Services.AddMedimailHealth();
        builder.Services.AddTransient<CorrelationIdHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorMappingInterceptor>();
            o.EnableDetailedErrors = false;
        }).AddJsonTranscoding(o =>
            // Error details travel in REST responses too: the registry lets transcoding write them as JSON.
            o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.BadRequest.Descriptor, Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.PreconditionFailure.Descriptor));
        builder.AddServiceOpenApi();
        return builder;
    }

    /// <summary>Request logging with correlation ids, authentication, the health endpoints and GET /openapi/v1.json.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseMedimailRequestLogging();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnhandledError.WriteAsync });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMedimailHealth();
        app.MapServiceOpenApi();
        return app;
    }
}
