using Medimail.Directory;
using Medimail.Directory.Data;
using Medimail.ServiceDefaults;
using Medimail.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(defaultGrpcPort: 5103, defaultHttpPort: 5113);
builder.AddDirectoryData();
builder.AddDirectoryMessaging();
builder.AddDirectorySearch();
builder.AddDirectoryReferenceLabels();
builder.AddDirectoryVisibility();
builder.AddDirectoryRebuild();

var app = builder.Build();

if (await app.MigrateIfRequestedAsync<DirectoryDbContext>(args))
    return;

app.UseServiceDefaults();
app.MapDirectoryApi();

await app.RunAsync();

public partial class Program;
