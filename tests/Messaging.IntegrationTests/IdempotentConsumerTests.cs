using MassTransit;
using Medimail.Contracts;
using Medimail.Messaging.Outbox;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Medimail.Messaging.IntegrationTests;

public sealed class IdempotentConsumerTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task A_message_delivered_twice_has_its_effect_once()
    {
        await using var services = fixture.Services(s => s.AddTestBus<CountingConsumer>());
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            var duplicated = OutboxAtomicityTests.Created(Unique.Email("twice"));
            var messageId = NewId.NextGuid();
            await bus.Publish(duplicated, c => c.MessageId = messageId);
            await bus.Publish(duplicated, c => c.MessageId = messageId);
            // The queue delivers one message at a time, in order: once the sentinel is applied, both copies were consumed.
            var sentinel = OutboxAtomicityTests.Created(Unique.Email("sentinel"));
            await bus.Publish(sentinel, c => c.MessageId = NewId.NextGuid());

            await Eventually.GetAsync(() => CountEffectsAsync(sentinel.Account.Email), n => n == 1,
                TimeSpan.FromSeconds(30), "the sentinel is applied");
            Assert.Equal(1, await CountEffectsAsync(duplicated.Account.Email));
            await using var db = fixture.NewContext();
            Assert.Equal(1, await db.Set<ProcessedMessage>().CountAsync(p => p.MessageId == messageId));
        }
        finally { await bus.StopAsync(); }
    }

    private async Task<int> CountEffectsAsync(string email)
    {
        await using var db = fixture.NewContext();
        return await db.Effects.CountAsync(e => e.Email == email);
    }
}
