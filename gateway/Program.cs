using Medimail.Gateway;
using Medimail.ServiceDefaults;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Hosting;
using Medimail.ServiceDefaults.Logging;
using Medimail.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddMedimailLogging();
builder.AddMedimailTelemetry();
builder.ConfigureMedimailPorts(defaultGrpcPort: 8081, defaultHttpPort: 8080, defaultMetricsPort: 8082);
builder.AddMedimailAuthentication();
builder.AddGatewayProxy();
builder.AddGatewayRateLimits();
builder.AddGatewayHealth();
builder.AddGatewayPages();
builder.AddAdminConsole();
builder.AddGatewayRequestLimits();
builder.AddGatewayOpenApi();

var app = builder.Build();

app.UseForwardedHeaders(Medimail.Gateway.Routing.TrustedProxies.Read(app.Configuration));
app.UseRequestSizeLimits();
// GET /metrics on the management port (Ports__Metrics) only; that port serves nothing else.
app.UseGatewayManagementPort();
app.UseMedimailRequestLogging();
app.UseGatewayAccessControl();
app.MapGatewayHealth();
// The enrolment and registration pages, their /assets, and the admin console (/admin): see Pages/README.md.
app.MapGatewayPages();
app.MapAdminConsole();
// GET /openapi/v1.json (merged from the services) and GET /docs.
app.MapGatewayOpenApi();
app.MapGatewayProxy();

await app.RunAsync();

public partial class Program;
