using Medimail.Contracts;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.IntegrationTests;

public sealed class OutboxAtomicityTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task State_change_and_its_event_are_committed_by_the_same_SaveChanges()
    {
        var id = Guid.NewGuid().ToString();
        Guid rowId;
        await using (var db = fixture.NewContext())
        {
            db.Widgets.Add(new Widget { Id = id });
            rowId = db.AddOutboxMessage(Created(id), DateTimeOffset.UtcNow).Id;
            await db.SaveChangesAsync();
        }

        await using var check = fixture.NewContext();
        Assert.True(await check.Widgets.AnyAsync(w => w.Id == id));
        var saved = await check.Set<OutboxMessage>().SingleAsync(m => m.Id == rowId);
        Assert.Contains(id, saved.Payload);
        Assert.Equal(typeof(AccountCreated).FullName, saved.MessageType);
        Assert.Null(saved.SentAt);
    }

    [Fact]
    public async Task A_failed_save_writes_neither_the_state_change_nor_the_event()
    {
        var id = Guid.NewGuid().ToString();
        await using (var db = fixture.NewContext())
        {
            db.Widgets.Add(new Widget { Id = id });
            await db.SaveChangesAsync();
        }

        var marker = Guid.NewGuid().ToString();
        Guid rowId;
        await using (var db = fixture.NewContext())
        {
            db.Widgets.Add(new Widget { Id = id }); // primary-key violation: the whole transaction must roll back
            db.Widgets.Add(new Widget { Id = marker });
            rowId = db.AddOutboxMessage(Created(marker), DateTimeOffset.UtcNow).Id;
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = fixture.NewContext();
        Assert.False(await check.Widgets.AnyAsync(w => w.Id == marker));
        Assert.False(await check.Set<OutboxMessage>().AnyAsync(m => m.Id == rowId));
    }

    internal static AccountCreated Created(string email) => new(new AccountSnapshot
    {
        Email = email,
        Type = "PER",
        State = "PRE_REGISTERED",
        StructureId = Guid.NewGuid().ToString(),
        Version = 1,
    }, "tests");
}
