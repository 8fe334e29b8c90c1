using Medimail.Messaging;
using Medimail.Notification.Consumers;
using Medimail.Notification.Data;
using Medimail.Notification.Grpc;
using Medimail.Notification.Mail;
using Medimail.Notification.Relaunches;
using Medimail.ServiceDefaults.Data;

namespace Medimail.Notification;

public static class Extensions
{
    /// <summary>The service's own PostgreSQL database "notification": the mail queue and its history, outbox.</summary>
    public static WebApplicationBuilder AddNotificationData(this WebApplicationBuilder builder) =>
        builder.AddServiceDatabase<NotificationDbContext>();

    /// <summary>What Notification listens to: enrolment links (one, or a batch from a relaunch or an import), shared-box receptions.</summary>
    public static WebApplicationBuilder AddNotificationMessaging(this WebApplicationBuilder builder) =>
        builder.AddMedimailMessaging<NotificationDbContext>("notification", bus =>
        {
            bus.AddConsumer<EnrolmentInvitationRequestedConsumer>();
            bus.AddConsumer<EnrolmentInvitationsRequestedConsumer>();
            bus.AddConsumer<SharedMailboxMessageReceivedConsumer>();
            bus.AddConsumer<AccountNoticeRequestedConsumer>();
        });

    /// <summary>
    /// The durable mail queue: templates checked now, SMTP settings when the sender starts (a bad one stops start-up;
    /// a migrate run, which starts no sender, needs the database only), and the background sender. Without
    /// Smtp:Host, mail is written to Smtp:PickupFolder.
    /// </summary>
    public static WebApplicationBuilder AddMailQueue(this WebApplicationBuilder builder)
    {
        var smtp = builder.Configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSingleton(_ =>
        {
            smtp.Validate(development);
            return smtp;
        });
        builder.Services.AddSingleton(MailTemplates.Load(Path.Combine(AppContext.BaseDirectory, "Templates")));
        builder.Services.AddSingleton<MailTransportFactory>();
        builder.Services.AddSingleton<MailQueue>();
        builder.Services.AddSingleton<MailBatches>();
        builder.Services.AddSingleton<MailSignal>();
        builder.Services.AddHostedService<MailSender>();
        builder.Services.AddHostedService<MailMetrics>();
        return builder;
    }

    public static WebApplicationBuilder AddNotificationFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<NotificationHistory>();
        builder.Services.AddSingleton<IdentityLinks>();
        builder.Services.AddScoped<RelaunchCoordinator>();
        builder.Services.AddScoped<RelaunchQueries>();
        builder.Services.AddHostedService<RelaunchDeliveryReports>();
        return builder;
    }

    public static WebApplication MapNotificationApi(this WebApplication app)
    {
        app.MapGrpcService<NotificationGrpcService>();
        app.MapGrpcService<RelaunchGrpcService>();
        return app;
    }
}
