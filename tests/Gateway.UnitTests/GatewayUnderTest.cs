using System.Net;
using Medimail.Gateway.Health;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Medimail.Gateway.UnitTests;

/// <summary>
/// The gateway wired exactly as Program.cs wires it, with the real appsettings.json, driven by calling its request
/// pipeline directly: no listener is opened. A request that would be forwarded stops at the proxy's door instead
/// (<see cref="WouldForward"/>), carrying the route that matched.
/// </summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    public const int HttpPort = 8080;
    public const int GrpcPort = 8081;
    public const int WouldForward = 299;

    private static int nextClient;
    private readonly WebApplication app;
    private readonly RequestDelegate pipeline;

    private GatewayUnderTest(WebApplication app)
    {
        this.app = app;
        app.UseGatewayAccessControl();
        app.Use(next => StopAtTheProxy);
        app.MapGatewayHealth();
        app.MapGatewayPages();
        app.MapGatewayProxy();
        pipeline = ((IApplicationBuilder)app).Build();
    }

    public IServiceProvider Services => app.Services;

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Ports:Http"] = $"{HttpPort}",
        ["Ports:Grpc"] = $"{GrpcPort}",
        ["Auth:Issuer"] = TestTokens.Issuer,
        ["Auth:MetadataAddress"] = "http://127.0.0.1:5111/.well-known/openid-configuration",
        ["Auth:AllowInsecureHttp"] = "true",
        ["ServiceIdentity:ClientId"] = "medimail-service-gateway",
        ["ServiceIdentity:ClientSecret"] = "unit-test-secret",
        ["Services:Identity:Grpc"] = "http://127.0.0.1:5101",
        ["Services:Mailbox:Grpc"] = "http://127.0.0.1:5102",
        ["Services:Directory:Grpc"] = "http://127.0.0.1:5103",
        ["Services:Notification:Grpc"] = "http://127.0.0.1:5104",
        ["Services:Identity:Http"] = "http://127.0.0.1:5111",
        ["Services:Mailbox:Http"] = "http://127.0.0.1:5112",
        ["Services:Directory:Http"] = "http://127.0.0.1:5113",
        ["Services:Notification:Http"] = "http://127.0.0.1:5114",
    };

    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "gateway"),
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    /// <summary>
    /// The features of Program.cs, less logging and telemetry. Two seams keep it off the network: tokens are checked
    /// against <see cref="TestTokens"/>' key instead of Identity-Registry's JWKS, and the backends' <c>/health</c>
    /// answers come from <paramref name="backendHealth"/> (every backend answers 200 by default).
    /// </summary>
    public static GatewayUnderTest Start(
        Action<Dictionary<string, string?>>? adjust = null, Func<HttpRequestMessage, HttpResponseMessage>? backendHealth = null)
    {
        var settings = Settings();
        adjust?.Invoke(settings);
        var builder = CreateBuilder(settings);
        builder.ConfigureMedimailPorts(defaultGrpcPort: GrpcPort, defaultHttpPort: HttpPort);
        builder.AddMedimailAuthentication();
        builder.AddGatewayProxy();
        builder.AddGatewayRateLimits();
        builder.AddGatewayHealth();
        builder.AddGatewayPages();

        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
            jwt => jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(TestTokens.Discovery));
        builder.Services.AddHttpClient(BackendHealthCheck.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new FakeHandler(backendHealth ?? (_ => new HttpResponseMessage(HttpStatusCode.OK))));
        return new GatewayUnderTest(builder.Build());
    }

    public IReadOnlyList<RouteConfig> Routes =>
        app.Services.GetRequiredService<IProxyStateLookup>().GetRoutes().Select(r => r.Config).ToList();

    public RouteModel Route(string routeId) =>
        app.Services.GetRequiredService<IProxyStateLookup>().TryGetRoute(routeId, out var route) ? route
        : throw new InvalidOperationException($"No route '{routeId}'.");

    public ClusterState Cluster(string clusterId) =>
        app.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster(clusterId, out var cluster) ? cluster
        : throw new InvalidOperationException($"No cluster '{clusterId}'.");

    public async Task<Outcome> SendAsync(
        string method, string path, int port = HttpPort, string? client = null, string? contentType = null, string? authorization = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1", port);
        http.Request.Protocol = port == GrpcPort ? "HTTP/2" : "HTTP/1.1";
        var query = path.IndexOf('?');
        http.Request.Path = query < 0 ? path : path[..query];
        http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        http.Request.ContentType = contentType;
        if (authorization is not null)
            http.Request.Headers.Authorization = authorization;
        http.Connection.LocalPort = port;
        http.Connection.RemoteIpAddress = IPAddress.Parse(client ?? NewClient());
        var body = new MemoryStream();
        http.Response.Body = body;

        await pipeline(http);

        var route = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config;
        return new Outcome(http.Response.StatusCode, route, http.Response.Headers, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>A fresh client address, so tests do not share a rate-limit partition by accident.</summary>
    public static string NewClient()
    {
        // The IPv6 documentation prefix: only ever an address on a fake connection.
        return $"2001:db8::{Interlocked.Increment(ref nextClient):x}";
    }

    private static Task StopAtTheProxy(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<RouteModel>() is not null)
        {
            http.Response.StatusCode = WouldForward;
            return Task.CompletedTask;
        }
        return endpoint?.RequestDelegate?.Invoke(http) ?? Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

internal sealed record Outcome(int StatusCode, RouteConfig? Route, IHeaderDictionary Headers, string Body)
{
    public string? ClusterId => Route?.ClusterId;
}
