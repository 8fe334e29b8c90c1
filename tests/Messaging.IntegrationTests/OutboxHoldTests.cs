using MassTransit;
using Medimail.Messaging.Outbox;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Medimail.Messaging.IntegrationTests;

/// <summary>Rows a bulk job holds back: not published until the job releases them, or until the hold runs out.</summary>
public sealed class OutboxHoldTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task Held_rows_wait_for_their_holder_to_release_them_while_other_rows_go_out()
    {
        await using var services = fixture.Services(s => s.AddTestBus<RecordingConsumer>());
        await WithBusAsync(services, async () =>
        {
            var (job, otherJob) = ($"job-{Unique.Suffix()}", $"job-{Unique.Suffix()}");
            var held = await StageAsync(3, job, TimeSpan.FromHours(1));
            var heldByOther = await StageAsync(1, otherJob, TimeSpan.FromHours(1));
            var free = await StageAsync(2, holder: null, hold: TimeSpan.Zero);
            var relay = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(services);

            await relay.DrainAsync();
            Assert.Equal((2, 0, 0), (await SentCountAsync(free), await SentCountAsync(held), await SentCountAsync(heldByOther)));

            await using (var db = fixture.NewContext())
                Assert.Equal(3, await db.ReleaseHeldAsync(job, DateTimeOffset.UtcNow, CancellationToken.None));
            await relay.DrainAsync();

            Assert.Equal((3, 0), (await SentCountAsync(held), await SentCountAsync(heldByOther)));
            await using var check = fixture.NewContext();
            Assert.All(await check.Set<OutboxMessage>().Where(m => held.Contains(m.Id)).ToListAsync(), m => Assert.Null(m.HeldBy));
            var received = services.GetRequiredService<Received>();
            await Eventually.GetAsync(() => Task.FromResult(held.Concat(free).Count(received.ByMessageId.ContainsKey)), n => n == 5,
                TimeSpan.FromSeconds(20), "the released and the free rows reach the queue");
        });
    }

    [Fact]
    public async Task A_hold_nobody_releases_ends_by_itself_and_the_row_is_published()
    {
        // The relay's clock two hours on: the one-hour hold has run out.
        await using var services = fixture.Services(s =>
        {
            s.AddTestBus<RecordingConsumer>();
            s.AddSingleton<TimeProvider>(new ShiftedClock(TimeSpan.FromHours(2)));
        });
        await WithBusAsync(services, async () =>
        {
            var held = await StageAsync(1, $"job-{Unique.Suffix()}", TimeSpan.FromHours(1));

            await ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(services).DrainAsync();

            await using var db = fixture.NewContext();
            var row = await db.Set<OutboxMessage>().SingleAsync(m => m.Id == held[0]);
            Assert.NotNull(row.SentAt);
            Assert.Null(row.HeldBy);
        });
    }

    [Fact]
    public async Task With_a_window_smaller_than_one_payload_every_row_is_still_published_exactly_once()
    {
        await using var services = fixture.Services(s =>
        {
            s.AddTestBus<RecordingConsumer>();
            s.AddOptions<OutboxOptions>().Configure(o => o.MaxUnconfirmedBytes = 1);
        });
        await WithBusAsync(services, async () =>
        {
            var ids = await StageAsync(30, holder: null, hold: TimeSpan.Zero);

            await ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(services).DrainAsync();

            Assert.Equal(30, await SentCountAsync(ids));
            var received = services.GetRequiredService<Received>();
            await Eventually.GetAsync(() => Task.FromResult(ids.Count(received.ByMessageId.ContainsKey)), n => n == ids.Count,
                TimeSpan.FromSeconds(20), "all 30 messages reach the queue");
            Assert.All(ids, id => Assert.Equal(1, received.ByMessageId[id]));
        });
    }

    private static async Task WithBusAsync(ServiceProvider services, Func<Task> test)
    {
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try { await test(); }
        finally { await bus.StopAsync(); }
    }

    private async Task<List<Guid>> StageAsync(int count, string? holder, TimeSpan hold)
    {
        await using var db = fixture.NewContext();
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, count)
            .Select(_ => db.AddOutboxMessage(OutboxAtomicityTests.Created(Unique.Email("hold")), now))
            .Select(row => holder is null ? row : row.HeldBy(holder, now + hold))
            .ToList();
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private async Task<int> SentCountAsync(List<Guid> ids)
    {
        await using var db = fixture.NewContext();
        return await db.Set<OutboxMessage>().CountAsync(m => ids.Contains(m.Id) && m.SentAt != null);
    }

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
