using Medimail.Mailbox.Data;
using Medimail.Mailbox.Grpc;
using Medimail.Mailbox.Messages;
using Medimail.Mailbox.Projection;
using Medimail.Mailbox.Submission;
using Medimail.Mailbox.Traces;
using Medimail.Messaging;
using Medimail.ServiceDefaults.Data;
using Medimail.ServiceDefaults;
using Medimail.ServiceDefaults.Errors;

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

    /// <summary>
    /// A message with its attachments, base64 in JSON included: 25 MB of files are about 34 MB of REST JSON, so the
    /// route admits 40 MB and the attachment limit itself (<c>Messages__MaxAttachmentBytes</c>) answers with a field violation.
    /// </summary>
    public const long MessageMaxBytes = 40L * 1024 * 1024;

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
    /// Messages between boxes (limits <c>Messages__*</c>), connection settings, and the Ségur traces with their
    /// retention purge (<c>Traces__*</c>). A message of 25 MB of files arrives base64-free over gRPC, about a third
    /// larger as REST JSON: the request limits leave room for both.
    /// </summary>
    public static WebApplicationBuilder AddMailboxMessages(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MessageLimits>(builder.Configuration.GetSection(MessageLimits.Section));
        builder.Services.Configure<TraceRetentionOptions>(builder.Configuration.GetSection(TraceRetentionOptions.Section));
        var limits = builder.Configuration.GetSection(MessageLimits.Section).Get<MessageLimits>() ?? new MessageLimits();
        var maxRequest = (int)Math.Min(int.MaxValue, Math.Max(MessageMaxBytes, limits.MaxAttachmentBytes * 4 / 3 + 4L * limits.MaxBodyChars + 1024 * 1024));
        builder.Services.AddGrpcServiceOptions<MessageGrpcService>(o => o.MaxReceiveMessageSize = maxRequest);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = maxRequest);
        builder.Services.AddScoped<TraceLog>();
        builder.Services.AddScoped<TraceQueries>();
        builder.Services.AddScoped<MessageSender>();
        builder.Services.AddScoped<MessageReader>();
        builder.Services.AddScoped<ConnectionSettingsStore>();
        builder.Services.AddHostedService<TraceRetention>();
        return builder;
    }

    /// <summary>
    /// SMTP submission for business software (<c>Ports__Submission</c>, <c>Submission__*</c>): a connector's APP boxes
    /// send over SMTP with the same rules as <c>SendMessage</c>. Identity-Registry's token endpoint checks the secrets.
    /// </summary>
    public static WebApplicationBuilder AddMailboxSubmission(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SubmissionOptions>(builder.Configuration.GetSection(SubmissionOptions.Section));
        if (!builder.Configuration.GetValue(SubmissionOptions.Section + ":Enabled", true))
            return builder;
        var identity = builder.Configuration["Services:Identity:Http"]
            ?? throw new InvalidOperationException("Setting 'Services:Identity:Http' is required by SMTP submission (its token endpoint checks connector secrets).");
        builder.Services.AddHttpClient(nameof(ConnectorAuthenticator), http =>
        {
            http.BaseAddress = new Uri(identity);
            http.Timeout = TimeSpan.FromSeconds(15);
        });
        builder.Services.AddSingleton<ConnectorAuthenticator>();
        builder.Services.AddSingleton<SubmissionRateLimit>();
        builder.Services.AddSingleton<SubmissionFilter>();
        builder.Services.AddSingleton<SubmissionStore>();
        builder.Services.AddHostedService<SubmissionServer>();
        return builder;
    }

    public static WebApplication MapMailboxApi(this WebApplication app)
    {
        app.MapGrpcService<MailboxGrpcService>();
        app.MapGrpcService<MessageGrpcService>();
        return app;
    }
}
