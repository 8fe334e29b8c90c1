using Medimail.IdentityRegistry;
using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults;
using Medimail.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(defaultGrpcPort: 5101, defaultHttpPort: 5111);
builder.AddIdentityData();
builder.AddTokenServer();
builder.AddIdentityMessaging();
builder.AddAccountFeatures();
builder.AddEnrolmentFeatures();
builder.AddSignInFeatures();
builder.AddImportFeatures();
builder.AddAuditFeatures();

var app = builder.Build();

if (await app.MigrateIfRequestedAsync<IdentityDbContext>(args))
    return;

app.UseServiceDefaults(beforeAuthentication: a => a.UseTokenRateLimit());
app.MapTokenServer();
app.MapSignIn();
app.MapIdentityApi();
app.MapImportApi();
app.MapEnrolmentApi();
app.MapAuditApi();

await app.RunAsync();

public partial class Program;
