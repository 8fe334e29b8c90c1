using MassTransit;
using Xunit;

namespace Medimail.Testing;

/// <summary>
/// A publisher on the platform's RabbitMQ, as Identity-Registry's outbox relay publishes: publisher confirms and an
/// explicit message id (consumers deduplicate on it).
/// </summary>
public sealed class TestBus : IAsyncLifetime
{
    private IBusControl? bus;

    public async Task InitializeAsync()
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestEnvironment.RabbitHost, TestEnvironment.RabbitPort, TestEnvironment.RabbitVirtualHost, h =>
        {
            h.Username(TestEnvironment.RabbitUser);
            h.Password(TestEnvironment.RabbitPassword);
            h.PublisherConfirmation = true;
        }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
    }

    public async Task PublishAsync<T>(T message, Guid messageId) where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await bus!.Publish(message, context => context.MessageId = messageId, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (bus is not null)
            await bus.StopAsync();
    }
}
