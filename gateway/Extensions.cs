using Medimail.Gateway.Health;
using Medimail.Gateway.OpenApi;
using Medimail.Gateway.Pages;
using Medimail.Gateway.RateLimiting;
using Medimail.Gateway.Routing;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.Gateway;

/// <summary>All of the gateway's wiring; Program.cs only lists the features.</summary>
internal static class Extensions
{
    /// <summary>YARP from the <c>ReverseProxy</c> section, each cluster's destination from <c>Services:{Name}:Grpc</c>.</summary>
    public static void AddGatewayProxy(this WebApplicationBuilder builder)
    {
        var backends = BackendAddress.ReadAll(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(ProxyConfiguration.Destinations(backends));
        var proxy = builder.Configuration.GetSection(ProxyConfiguration.Section);
        ProxyConfiguration.Validate(proxy);

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ListenerMatcherPolicy>());
        builder.Services.AddReverseProxy()
            .LoadFromConfig(proxy)
            .AddTransforms(CorrelationIdTransform.Apply);
    }

    /// <summary>
    /// The same per-route body limits as the services (<see cref="Medimail.ServiceDefaults.Hosting.RequestSizeLimits"/>):
    /// refused here, before the gateway forwards or buffers anything. The REST routes that carry files keep theirs.
    /// </summary>
    public static void AddGatewayRequestLimits(this WebApplicationBuilder builder) =>
        Medimail.ServiceDefaults.Extensions.AddRequestSizeLimits(builder.Services, new Dictionary<string, long>
        {
            ["/api/v1/imports"] = 80L * 1024 * 1024,
            ["/medimail.identity.v1.ImportService"] = 80L * 1024 * 1024,
            // 25 MB of attachments are about 34 MB of base64 JSON: Mailbox, not the gateway, says which field is too large.
            ["/api/v1/mailboxes/*/messages"] = 40L * 1024 * 1024,
            ["/medimail.mailbox.v1.MessageService/SendMessage"] = 40L * 1024 * 1024,
        });

    public static void AddGatewayRateLimits(this WebApplicationBuilder builder)
    {
        var anonymous = RateLimitSettings.Read(builder.Configuration, "Anonymous", RateLimitSettings.AnonymousDefaults);
        var api = RateLimitSettings.Read(builder.Configuration, "Api", RateLimitSettings.ApiDefaults);
        var connect = RateLimitSettings.Read(builder.Configuration, "Connect", RateLimitSettings.ConnectDefaults);
        builder.Services.AddRateLimiter(options => RateLimitPolicies.Add(options, anonymous, api, connect));
    }

    /// <summary>The gateway itself, and one check per backend (run in parallel by the health service).</summary>
    public static void AddGatewayHealth(this WebApplicationBuilder builder)
    {
        var backends = BackendAddress.ReadAll(builder.Configuration);
        var deadline = builder.Configuration.GetValue("Health:BackendTimeout", TimeSpan.FromSeconds(2));
        var cacheFor = builder.Configuration.GetValue("Health:CacheFor", TimeSpan.FromSeconds(1));

        builder.Services.AddHttpClient(BackendHealthCheck.HttpClientName);
        builder.Services.AddSingleton<ReadinessProbes>();
        var checks = builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthResponses.SelfTag]);
        builder.AddMedimailShutdown(checks, HealthResponses.ReadyTag);
        foreach (var backend in backends)
        {
            checks.AddTypeActivatedCheck<BackendHealthCheck>(
                backend.Backend.ClusterId, HealthStatus.Unhealthy, [HealthResponses.ReadyTag], backend.Health, deadline, cacheFor);
        }
    }

    /// <summary>The enrolment pages: a gRPC client of Identity-Registry's EnrolmentService, and antiforgery for the form.</summary>
    public static void AddGatewayPages(this WebApplicationBuilder builder)
    {
        var identity = BackendAddress.ReadAll(builder.Configuration).Single(b => b.Backend.Name == "Identity").Grpc;
        builder.Services.AddSingleton(new EnrolmentPageSettings(builder.Configuration.GetValue("Pages:BackendDeadline", TimeSpan.FromSeconds(5))));
        builder.Services.AddGrpcClient<Medimail.Identity.V1.EnrolmentService.EnrolmentServiceClient>(o => o.Address = identity)
            .AddHttpMessageHandler(() => new Medimail.ServiceDefaults.Logging.CorrelationIdHandler());
        builder.Services.AddGrpcClient<Medimail.Identity.V1.RegistrationService.RegistrationServiceClient>(o => o.Address = identity)
            .AddHttpMessageHandler(() => new Medimail.ServiceDefaults.Logging.CorrelationIdHandler());
        builder.Services.AddGrpcClient<Medimail.Identity.V1.ReferenceService.ReferenceServiceClient>(o => o.Address = identity)
            .AddHttpMessageHandler(() => new Medimail.ServiceDefaults.Logging.CorrelationIdHandler());
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "medimail-enrol-af");
        // Antiforgery tokens are sealed with data-protection keys: with several gateway replicas, they must share
        // one key ring (a shared volume named by DataProtection:KeysDirectory), or a form posted to another replica fails.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("medimail-gateway");
        if (builder.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
    }

    public static void MapGatewayPages(this WebApplication app)
    {
        EnrolmentPages.Map(app);
        RegistrationPages.Map(app);
    }

    /// <summary>The public OpenAPI document, merged from every service's own, and its readable reference.</summary>
    public static void AddGatewayOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(MergedOpenApi.HttpClientName);
        builder.Services.AddSingleton(new OpenApiSettings(
            builder.Configuration.GetValue("OpenApi:CacheDuration", TimeSpan.FromMinutes(5)),
            builder.Configuration.GetValue("OpenApi:BackendTimeout", TimeSpan.FromSeconds(5))));
        builder.Services.AddSingleton(BackendAddress.ReadAll(builder.Configuration));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MergedOpenApi>();
    }

    public static void MapGatewayOpenApi(this WebApplication app) => OpenApiEndpoints.Map(app);

    /// <summary>GET /metrics on the management port only (<c>Ports__Metrics</c>), before anything public.</summary>
    public static void UseGatewayManagementPort(this WebApplication app) => ManagementPort.Apply(app);

    public static void UseGatewayAccessControl(this WebApplication app)
    {
        app.UseRouting();
        app.UseAuthentication();
        // After authentication, so the api limit counts per token subject; before authorization, so a flood of
        // requests with no or bad tokens is limited too.
        app.UseRateLimiter();
        app.UseAuthorization();
    }

    public static void MapGatewayHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(HealthResponses.SelfTag),
            ResponseWriter = HealthResponses.WriteSelf,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(HealthResponses.ReadyTag),
            ResponseWriter = HealthResponses.WriteReadiness,
        }).AllowAnonymous();
    }

    public static void MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy();
        // Without this, the fallback authorization policy would answer 401 to paths that exist nowhere.
        app.Map("/{**path}", NotFound).WithOrder(int.MaxValue).WithDisplayName("Unknown path").AllowAnonymous();
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
