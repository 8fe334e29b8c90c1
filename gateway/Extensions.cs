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
            // The console's upload: the file plus the form around it.
            ["/admin/utilisateurs/import"] = Medimail.Gateway.Admin.ImportPages.MaxFileBytes + 64 * 1024,
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
        var console = RateLimitSettings.Read(builder.Configuration, "Console", RateLimitSettings.ConsoleDefaults);
        builder.Services.AddRateLimiter(options => RateLimitPolicies.Add(options, anonymous, api, connect, console));
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

    /// <summary>
    /// The admin console (/admin): a backend for frontend. The gateway holds the person's tokens in its sealed session
    /// cookie and calls the services' gRPC APIs with them; the browser only ever sees HTML.
    /// </summary>
    public static void AddAdminConsole(this WebApplicationBuilder builder)
    {
        var backends = BackendAddress.ReadAll(builder.Configuration);
        Uri Grpc(string name) => backends.Single(b => b.Backend.Name == name).Grpc;
        var settings = Medimail.Gateway.Admin.AdminSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication().AddCookie(Medimail.Gateway.Admin.AdminSession.Scheme, o => Medimail.Gateway.Admin.AdminSession.Configure(o, settings));
        // The token endpoint is Identity-Registry's, on its h2c port like every route the gateway forwards there.
        builder.Services.AddHttpClient(Medimail.Gateway.Admin.TokenClient.HttpClientName, c =>
        {
            c.BaseAddress = Grpc("Identity");
            c.DefaultRequestVersion = System.Net.HttpVersion.Version20;
            c.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            c.Timeout = settings.Deadline;
        });
        builder.Services.AddSingleton<Medimail.Gateway.Admin.AdminSignIn>();
        builder.Services.AddSingleton<Medimail.Gateway.Admin.TokenClient>();
        builder.Services.AddSingleton<Medimail.Gateway.Admin.AdminSession>();
        builder.Services.AddSingleton<Medimail.Gateway.Admin.ReferenceLists>();
        builder.Services.AddTransient<Medimail.Gateway.Admin.AdminApi>();
        void Client<T>(string backend) where T : class =>
            builder.Services.AddGrpcClient<T>(o => o.Address = Grpc(backend))
                .AddHttpMessageHandler(() => new Medimail.ServiceDefaults.Logging.CorrelationIdHandler());
        Client<Medimail.Identity.V1.AccountService.AccountServiceClient>("Identity");
        Client<Medimail.Identity.V1.ImportService.ImportServiceClient>("Identity");
        Client<Medimail.Identity.V1.StructureService.StructureServiceClient>("Identity");
        Client<Medimail.Identity.V1.AuditService.AuditServiceClient>("Identity");
        Client<Medimail.Identity.V1.MeService.MeServiceClient>("Identity");
        Client<Medimail.Directory.V1.DirectoryService.DirectoryServiceClient>("Directory");
        Client<Medimail.Directory.V1.VisibilityService.VisibilityServiceClient>("Directory");
        Client<Medimail.Mailbox.V1.MailboxService.MailboxServiceClient>("Mailbox");
        Client<Medimail.Mailbox.V1.MessageService.MessageServiceClient>("Mailbox");
        Client<Medimail.Notification.V1.RelaunchService.RelaunchServiceClient>("Notification");
    }

    public static void MapGatewayPages(this WebApplication app)
    {
        AssetEndpoints.Map(app);
        EnrolmentPages.Map(app);
        RegistrationPages.Map(app);
    }

    public static void MapAdminConsole(this WebApplication app) => Medimail.Gateway.Admin.AdminEndpoints.Map(app);

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
