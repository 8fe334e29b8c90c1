using Medimail.Gateway;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Hosting;
using Medimail.ServiceDefaults.Logging;
using Medimail.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddMedimailLogging();
builder.AddMedimailTelemetry();
builder.ConfigureMedimailPorts(defaultGrpcPort: 8081, defaultHttpPort: 8080);
builder.AddMedimailAuthentication();
builder.AddGatewayProxy();
builder.AddGatewayRateLimits();
builder.AddGatewayHealth();

var app = builder.Build();

app.UseMedimailRequestLogging();
app.UseGatewayAccessControl();
app.MapGatewayHealth();
// The admin console and the enrolment pages (/admin, /enrol/{token}) will be mapped here: see Pages/README.md.
app.MapGatewayProxy();

await app.RunAsync();

public partial class Program;
