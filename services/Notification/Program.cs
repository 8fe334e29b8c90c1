using Medimail.Notification;
using Medimail.Notification.Data;
using Medimail.ServiceDefaults;
using Medimail.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(defaultGrpcPort: 5104, defaultHttpPort: 5114);
builder.AddNotificationData();
builder.AddNotificationMessaging();
builder.AddMailQueue();
builder.AddNotificationFeatures();

var app = builder.Build();

if (await app.MigrateIfRequestedAsync<NotificationDbContext>(args))
    return;

app.UseServiceDefaults();
app.MapNotificationApi();

await app.RunAsync();

public partial class Program;
