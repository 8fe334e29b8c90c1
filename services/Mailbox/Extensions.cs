using Medimail.Mailbox.Data;
using Medimail.Mailbox.Grpc;
using Medimail.Mailbox.Projection;
using Medimail.Messaging;
using Medimail.ServiceDefaults.Data;

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

    public static WebApplicationBuilder AddMailboxFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MailboxProjector>();
        builder.Services.AddScoped<MailboxStore>();
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
