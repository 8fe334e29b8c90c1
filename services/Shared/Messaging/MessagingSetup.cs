using MassTransit;
using Medimail.Messaging.Consumers;
using Medimail.Messaging.Metrics;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Medimail.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// RabbitMQ through MassTransit with publisher confirms, retry then <c>_error</c> queue, correlation ids on every
    /// message, and the outbox relay for <typeparamref name="TDbContext"/>. Consumers are registered by the caller, by name.
    /// </summary>
    public static WebApplicationBuilder AddMedimailMessaging<TDbContext>(
        this WebApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> registerConsumers)
        where TDbContext : DbContext
    {
        var rabbit = new RabbitMqOptions
        {
            Host = builder.Configuration.GetRequired("RabbitMq:Host"),
            Port = builder.Configuration.GetValue<ushort?>("RabbitMq:Port") ?? 5672,
            VirtualHost = builder.Configuration["RabbitMq:VirtualHost"] ?? "/",
            Username = builder.Configuration.GetRequired("RabbitMq:Username"),
            Password = builder.Configuration.GetRequired("RabbitMq:Password"),
            QuorumQueues = builder.Configuration.GetValue("RabbitMq:QuorumQueues", false),
        };

        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        // AddServiceDatabase adds every registered interceptor to the service's DbContext.
        builder.Services.AddSingleton<IInterceptor>(services => services.GetRequiredService<OutboxSignalInterceptor>());
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        builder.Services.AddHostedService<OutboxCleanup<TDbContext>>();
        builder.Services.AddHostedService<OutboxMetrics<TDbContext>>();
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<ErrorQueueMetrics>(services, rabbit, serviceName));
        builder.Services.AddReceiveEndpointObserver(services => services.GetRequiredService<ErrorQueueMetrics>());

        builder.Services.AddMassTransit(bus =>
        {
            // Queues are named after the service and consumer ("directory-account-created"), so each service gets its own copy.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit reports its configuration to its vendor by default: a health-data platform calls no one.
            bus.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
            registerConsumers(bus);
            if (rabbit.QuorumQueues)
                bus.AddConfigureEndpointsCallback((_, configurator) =>
                {
                    if (configurator is IRabbitMqReceiveEndpointConfigurator queue)
                        queue.SetQuorumQueue();
                });
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
                });
                cfg.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
                cfg.UseConsumeFilter(typeof(CorrelationConsumeFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        // The service starts and answers even while RabbitMQ is down: the outbox keeps events until it is back.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        return builder;
    }
}
