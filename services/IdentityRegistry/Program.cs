using Medimail.IdentityRegistry;
using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.Messaging.Data;
using Medimail.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(defaultGrpcPort: 5101, defaultHttpPort: 5111);
builder.AddIdentityData();
builder.AddTokenServer();
builder.AddIdentityMessaging();
builder.AddAccountFeatures();
builder.AddEnrolmentFeatures();
builder.AddSignInFeatures();
builder.AddImportFeatures();

var app = builder.Build();

if (await app.MigrateIfRequestedAsync<IdentityDbContext>(args))
    return;

app.UseServiceDefaults();
app.MapTokenServer();
app.MapSignIn();
app.MapIdentityApi();
app.MapImportApi();
app.MapEnrolmentApi();

await app.RunAsync();

public partial class Program;
