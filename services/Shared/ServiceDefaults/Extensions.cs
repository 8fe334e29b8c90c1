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
        builder.AddMedimailShutdown(builder.Services.AddMedimailHealth(), HealthSetup.ReadyTag);
        builder.Services.AddTransient<CorrelationIdHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddRequestSizeLimits(new Dictionary<string, long>());
        builder.Services.AddGrpc(o =>
        {
            // First: it times the whole call and sees the status code the error mapping produced.
            o.Interceptors.Add<GrpcMetricsInterceptor>();
            o.Interceptors.Add<ErrorMappingInterceptor>();
            // After the error mapping, which turns its refusal into field violations.
            o.Interceptors.Add<ControlCharacterInterceptor>();
            o.EnableDetailedErrors = false;
        }).AddJsonTranscoding(o =>
            // Error details travel in REST responses too: the registry lets transcoding write them as JSON.
            o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.BadRequest.Descriptor, Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.PreconditionFailure.Descriptor));
        builder.AddServiceOpenApi();
        // Last: AddGrpc (here and in the OpenAPI set-up) registers grpc-dotnet's unguarded method provider.
        builder.Services.AddUnreadableMessageGuard();
        return builder;
    }

    /// <summary>
    /// The request size limits of <see cref="RequestSizeLimits"/>; a service with routes that carry files names
    /// them (the last call wins). The route limits are settings too: <c>RequestLimits:Routes:{n}:Path</c>, <c>:Bytes</c>.
    /// </summary>
    public static IServiceCollection AddRequestSizeLimits(this IServiceCollection services, IReadOnlyDictionary<string, long> largeRoutes) =>
        services.AddSingleton(provider => new RequestSizeLimits(
            provider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), largeRoutes));

    public static void UseRequestSizeLimits(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<RequestSizeLimits>().Apply(app);

    /// <summary>
    /// Request logging with correlation ids, authentication, the health endpoints, <c>/metrics</c> and GET /openapi/v1.json.
    /// <paramref name="beforeAuthentication"/> adds a service's own guards after the size limits and the request log,
    /// before anything authenticates (Identity-Registry's token rate limit).
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeAuthentication = null)
    {
        app.UseRequestSizeLimits();
        app.UseMedimailRequestLogging();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnhandledError.WriteAsync });
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: a caller without a token learns 401, not what is wrong with its body.
        app.UseJsonBodyGuard();
        // A unary gRPC frame cut short is INVALID_ARGUMENT on body, like any unreadable message.
        app.UseCutShortFrameGuard();
        app.MapMedimailHealth();
        app.MapMedimailMetrics();
        app.MapServiceOpenApi();
        return app;
    }
}
