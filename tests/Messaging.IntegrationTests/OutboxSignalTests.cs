using Medimail.Messaging.Outbox;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.IntegrationTests;

/// <summary>The relay is woken when outbox rows become visible to it: at commit, never before.</summary>
public sealed class OutboxSignalTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task Rows_saved_inside_an_explicit_transaction_wake_the_relay_at_commit_not_at_save()
    {
        var signal = new OutboxSignal();
        await using var db = NewContext(signal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AddOutboxMessage(OutboxAtomicityTests.Created(Unique.Email("signal")), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        var wokenAtSave = await signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        await transaction.CommitAsync();
        var wokenAtCommit = await signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        Assert.False(wokenAtSave, "the rows are not visible to the relay before the commit");
        Assert.True(wokenAtCommit);
    }

    [Fact]
    public async Task Rows_saved_on_their_own_wake_the_relay_and_other_saves_do_not()
    {
        var signal = new OutboxSignal();
        await using (var other = NewContext(signal))
        {
            other.Widgets.Add(new Widget { Id = Unique.Suffix() });
            await other.SaveChangesAsync();
        }
        var wokenByOther = await signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        await using var db = NewContext(signal);
        db.AddOutboxMessage(OutboxAtomicityTests.Created(Unique.Email("signal")), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();

        Assert.False(wokenByOther);
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
    }

    private TestDbContext NewContext(OutboxSignal signal) => new(new DbContextOptionsBuilder<TestDbContext>()
        .UseNpgsql(fixture.ConnectionString).UseSnakeCaseNamingConvention().AddInterceptors(new OutboxSignalInterceptor(signal)).Options);
}
