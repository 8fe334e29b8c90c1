using Medimail.Mailbox.Consumers;
using Medimail.Mailbox.Data;
using Medimail.Mailbox.Grpc;
using Medimail.Messaging;
using Medimail.Messaging.Data;
using Medimail.ServiceDefaults;

namespace Medimail.Mailbox;

public static class Extensions
{
    /// <summary>The service's own PostgreSQL database "mailbox": the box projection, delegations, outbox.</summary>
    public static WebApplicationBuilder AddMailboxData(this WebApplicationBuilder builder) =>
        builder.AddServiceDatabase<MailboxDbContext>();

    /// <summary>What Mailbox listens to: Identity-Registry's account events, which feed the box projection.</summary>
    public static WebApplicationBuilder AddMailboxMessaging(this WebApplicationBuilder builder) =>
        builder.AddMedimailMessaging<MailboxDbContext>("mailbox", bus =>
        {
            bus.AddConsumer<AccountCreatedConsumer>();
            bus.AddConsumer<AccountUpdatedConsumer>();
            bus.AddConsumer<AccountStateChangedConsumer>();
            bus.AddConsumer<AccountsImportedConsumer>();
        });

    /// <summary>A message with its attachments, base64 in JSON included.</summary>
    public const long MessageMaxBytes = 32L * 1024 * 1024;

    public static WebApplicationBuilder AddMailboxFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MailboxProjector>();
        builder.Services.AddScoped<MailboxStore>();
        // Messages carry their attachments: their own request limit (every other route keeps the small default).
        builder.Services.AddRequestSizeLimits(new Dictionary<string, long>
        {
            ["/api/v1/mailboxes/*/messages"] = MessageMaxBytes,
            ["/medimail.mailbox.v1.MessageService/SendMessage"] = MessageMaxBytes,
        });
        return builder;
    }

    /// <summary>
    /// MailboxService only. MessageService (messages, traces) is not built yet and deliberately not mapped,
    /// so its calls answer UNIMPLEMENTED instead of pretending.
    /// </summary>
    public static WebApplication MapMailboxApi(this WebApplication app)
    {
        app.MapGrpcService<MailboxGrpcService>();
        return app;
    }
}
