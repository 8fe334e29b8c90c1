using Medimail.Messaging.Outbox;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Medimail.Messaging.IntegrationTests;

public sealed class OutboxCleanupTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Cleanup_deletes_rows_published_before_the_retention_and_keeps_newer_and_unsent_ones()
    {
        var old = await StageAsync(sentAt: Now.AddDays(-8));
        var recent = await StageAsync(sentAt: Now.AddDays(-6));
        var unsent = await StageAsync(sentAt: null, createdAt: Now.AddDays(-20));

        await CleanupWithDefaults().CleanUpAsync(CancellationToken.None);

        await using var db = fixture.NewContext();
        var left = await db.Set<OutboxMessage>().Where(m => new[] { old, recent, unsent }.Contains(m.Id)).Select(m => m.Id).ToListAsync();
        Assert.DoesNotContain(old, left);
        Assert.Contains(recent, left);
        Assert.Contains(unsent, left);
    }

    [Fact]
    public async Task Cleanup_forgets_consumer_records_older_than_their_retention_only()
    {
        var (oldId, recentId) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var db = fixture.NewContext())
        {
            db.Set<ProcessedMessage>().AddRange(
                new ProcessedMessage { MessageId = oldId, Consumer = "cleanup-test", ProcessedAt = Now.AddDays(-31) },
                new ProcessedMessage { MessageId = recentId, Consumer = "cleanup-test", ProcessedAt = Now.AddDays(-29) });
            await db.SaveChangesAsync();
        }

        await CleanupWithDefaults().CleanUpAsync(CancellationToken.None);

        await using var check = fixture.NewContext();
        var left = await check.Set<ProcessedMessage>().Where(m => m.Consumer == "cleanup-test").Select(m => m.MessageId).ToListAsync();
        Assert.Equal([recentId], left);
    }

    private OutboxCleanup<TestDbContext> CleanupWithDefaults()
    {
        var services = fixture.Services();
        return ActivatorUtilities.CreateInstance<OutboxCleanup<TestDbContext>>(services);
    }

    private async Task<Guid> StageAsync(DateTimeOffset? sentAt, DateTimeOffset? createdAt = null)
    {
        await using var db = fixture.NewContext();
        var row = db.AddOutboxMessage(OutboxAtomicityTests.Created(Unique.Email("cleanup")), createdAt ?? Now.AddDays(-10));
        row.SentAt = sentAt;
        await db.SaveChangesAsync();
        return row.Id;
    }
}
