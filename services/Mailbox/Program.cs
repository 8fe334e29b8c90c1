using Medimail.Mailbox;
using Medimail.Mailbox.Data;
using Medimail.ServiceDefaults;
using Medimail.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(defaultGrpcPort: 5102, defaultHttpPort: 5112);
builder.AddMailboxData();
builder.AddMailboxMessaging();
builder.AddMailboxFeatures();
builder.AddMailboxMessages();
builder.AddMailboxSubmission();

var app = builder.Build();

if (await app.MigrateIfRequestedAsync<MailboxDbContext>(args))
    return;

app.UseServiceDefaults();
app.MapMailboxApi();

await app.RunAsync();

public partial class Program;
