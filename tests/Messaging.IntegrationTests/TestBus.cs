using System.Collections.Concurrent;
using MassTransit;
using Medimail.Contracts;
using Medimail.Messaging.Consumers;
using Medimail.Messaging.Outbox;
using Medimail.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Medimail.Messaging.IntegrationTests;

/// <summary>Every AccountCreated this test's queue received, by message id.</summary>
public sealed class Received
{
    public ConcurrentDictionary<Guid, int> ByMessageId { get; } = new();
}

public sealed class RecordingConsumer(Received received) : IConsumer<AccountCreated>
{
    public Task Consume(ConsumeContext<AccountCreated> context)
    {
        received.ByMessageId.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>Applies AccountCreated by inserting an <see cref="Effect"/>: without idempotency a redelivery would insert twice.</summary>
public sealed class CountingConsumer(TestDbContext db, ILogger<CountingConsumer> logger)
    : IdempotentConsumer<TestDbContext, AccountCreated>(db, logger)
{
    protected override Task HandleAsync(AccountCreated message, ConsumeContext<AccountCreated> context, CancellationToken cancellationToken)
    {
        Db.Effects.Add(new Effect { Id = Guid.NewGuid(), Email = message.Account.Email });
        return Task.CompletedTask;
    }
}

public static class TestBus
{
    /// <summary>A MassTransit bus on the real test RabbitMQ with one auto-deleted queue of its own, ordered (one message at a time).</summary>
    public static void AddTestBus<TConsumer>(this IServiceCollection services, ushort? port = null)
        where TConsumer : class, IConsumer<AccountCreated>
    {
        var queue = $"messaging-tests-{Unique.Suffix()}";
        services.AddSingleton<Received>();
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<TConsumer>();
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(TestEnvironment.RabbitHost, port ?? TestEnvironment.RabbitPort, "/", h =>
                {
                    h.Username(TestEnvironment.RabbitUser);
                    h.Password(TestEnvironment.RabbitPassword);
                    h.PublisherConfirmation = true;
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(2));
                });
                cfg.ReceiveEndpoint(queue, e =>
                {
                    e.AutoDelete = true;
                    e.PrefetchCount = 1;
                    e.ConcurrentMessageLimit = 1;
                    e.ConfigureConsumer<TConsumer>(context);
                });
            });
        });
    }
}

public static class RelayPasses
{
    /// <summary>Runs relay passes until one publishes nothing: every due row has gone out (or failed this round).</summary>
    public static async Task DrainAsync(this OutboxRelay<TestDbContext> relay)
    {
        while (await relay.PublishBatchAsync(CancellationToken.None) > 0) { }
    }
}
