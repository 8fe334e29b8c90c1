using Medimail.SmtpSink;

// Usage: dotnet Medimail.SmtpSink.dll --SmtpPort=6125 --ControlPort=6126
// SMTP on 127.0.0.1:SmtpPort; control API on 127.0.0.1:ControlPort (see README.md).
var builder = WebApplication.CreateSlimBuilder(args);
var smtpPort = builder.Configuration.GetValue("SmtpPort", 2525);
var controlPort = builder.Configuration.GetValue("ControlPort", 2526);
builder.WebHost.UseUrls($"http://127.0.0.1:{controlPort}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<MessageStore>();
builder.Services.AddSingleton(services => new SmtpServer(smtpPort, services.GetRequiredService<MessageStore>(),
    services.GetRequiredService<ILogger<SmtpServer>>()));
builder.Services.AddHostedService(services => services.GetRequiredService<SmtpServer>());

var app = builder.Build();
app.MapControlApi();
Console.WriteLine($"SMTP sink: SMTP 127.0.0.1:{smtpPort}, control http://127.0.0.1:{controlPort}");
await app.RunAsync();
