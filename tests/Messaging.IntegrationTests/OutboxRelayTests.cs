using MassTransit;
using Medimail.Messaging.Outbox;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Medimail.Messaging.IntegrationTests;

public sealed class OutboxRelayTests(MessagingFixture fixture, ITestOutputHelper output) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task Relay_publishes_committed_rows_with_their_id_as_message_id_and_marks_them_sent()
    {
        await using var services = fixture.Services(s => s.AddTestBus<RecordingConsumer>());
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            var ids = await StageAsync(3);
            var relay = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(services);
            await relay.DrainAsync();

            await using var db = fixture.NewContext();
            var rows = await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ToListAsync();
            Assert.All(rows, r => Assert.NotNull(r.SentAt));

            var received = services.GetRequiredService<Received>();
            await Eventually.GetAsync(() => Task.FromResult(ids.Count(received.ByMessageId.ContainsKey)), n => n == ids.Count,
                TimeSpan.FromSeconds(20), "the three messages reach the queue");
        }
        finally { await bus.StopAsync(); }
    }

    [Fact]
    public async Task Rows_stay_unsent_and_are_retried_later_when_the_broker_is_unreachable()
    {
        // Port 1 on loopback: nothing listens. The bus is started as the service starts it, and fails to connect.
        await using var services = fixture.Services(s => s.AddTestBus<RecordingConsumer>(port: 1));
        var bus = services.GetRequiredService<IBusControl>();
        await Assert.ThrowsAsync<RabbitMqConnectionException>(() =>
            bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));
        var ids = await StageAsync(1);
        var relay = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(services);

        var attempted = DateTimeOffset.UtcNow;
        var published = await relay.PublishBatchAsync(CancellationToken.None);

        Assert.Equal(0, published);
        await using var db = fixture.NewContext();
        var row = await db.Set<OutboxMessage>().SingleAsync(m => m.Id == ids[0]);
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        output.WriteLine($"last error with the broker unreachable: {row.LastError}");
        // The cause recorded is the unreachable broker, with its address, not a bare cancellation.
        Assert.Contains($"Broker unreachable: {TestEnvironment.RabbitUser}@{TestEnvironment.RabbitHost}:1/", row.LastError);
        // The first back-off is 2 s (±20 %) after the failed attempt, whatever the machine's load made that attempt take.
        Assert.True(row.NextAttemptAt >= attempted + TimeSpan.FromSeconds(1.6), "a failed row waits before its next attempt");
    }

    [Fact]
    public async Task Two_relays_working_at_once_publish_every_row_exactly_once()
    {
        await using var services = fixture.Services(s =>
        {
            s.AddTestBus<RecordingConsumer>();
            s.AddOptions<OutboxOptions>().Configure(o => o.BatchSize = 25);
        });
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            var ids = await StageAsync(200);
            var first = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(services);
            var second = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(services);
            await Task.WhenAll(first.DrainAsync(), second.DrainAsync());

            var received = services.GetRequiredService<Received>();
            await Eventually.GetAsync(() => Task.FromResult(ids.Count(received.ByMessageId.ContainsKey)), n => n == ids.Count,
                TimeSpan.FromSeconds(30), "all 200 messages reach the queue");
            Assert.All(ids, id => Assert.Equal(1, received.ByMessageId[id]));
        }
        finally { await bus.StopAsync(); }
    }

    private async Task<List<Guid>> StageAsync(int count)
    {
        await using var db = fixture.NewContext();
        var rows = Enumerable.Range(0, count)
            .Select(_ => db.AddOutboxMessage(OutboxAtomicityTests.Created(Unique.Email("relay")), DateTimeOffset.UtcNow))
            .ToList();
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }
}
