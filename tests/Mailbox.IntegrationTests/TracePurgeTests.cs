using System.Data.Common;
using Medimail.Mailbox.Data;
using Medimail.Mailbox.Traces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>
/// The Ségur traces' retention (<c>Traces__Retention</c>): Mailbox's own purge, run here against the real database
/// with a small chunk so that its chunks can be counted as the DELETE statements it executes.
/// </summary>
public sealed class TracePurgeTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(186);

    [Fact]
    public async Task Traces_older_than_the_retention_are_purged_in_chunks_and_recent_ones_are_kept()
    {
        var box = Unique.Email("purge");
        var now = DateTimeOffset.UtcNow;
        var old = Enumerable.Range(1, 5).Select(d => now - Retention - TimeSpan.FromDays(d)).ToList();
        var recent = new[] { now - Retention + TimeSpan.FromDays(1), now - TimeSpan.FromDays(30), now };
        await InsertAsync(box, old.Concat(recent));

        var chunks = new DeleteChunks();
        await using var services = new ServiceCollection()
            .AddDbContext<MailboxDbContext>(o => o.UseNpgsql(TestEnvironment.DatabaseConnection("mailbox"))
                .UseSnakeCaseNamingConvention().AddInterceptors(chunks))
            .BuildServiceProvider();
        var purge = new TraceRetention(services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new TraceRetentionOptions { Retention = Retention, PurgeBatchSize = 2 }), TimeProvider.System,
            NullLogger<TraceRetention>.Instance);

        var purged = await purge.PurgeAsync(CancellationToken.None);

        Assert.True(purged >= old.Count, $"purged {purged}");
        Assert.Equal(recent.Length, await MessagingWorld.CountAsync("SELECT count(*) FROM traces WHERE box_address = @b", ("b", box)));
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM traces WHERE box_address = @b AND time < @cut",
            ("b", box), ("cut", now - Retention)));
        // Five old traces in chunks of two: at least three DELETEs, none larger than a chunk, the last one short.
        Assert.True(chunks.Rows.Count >= 3, $"chunks: {string.Join(", ", chunks.Rows)}");
        Assert.All(chunks.Rows, rows => Assert.InRange(rows, 0, 2));
        Assert.True(chunks.Rows[^1] < 2, $"chunks: {string.Join(", ", chunks.Rows)}");
    }

    private static async Task InsertAsync(string box, IEnumerable<DateTimeOffset> times)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("mailbox"));
        await connection.OpenAsync();
        foreach (var time in times)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO traces (box_address, actor, actor_kind, action, outcome, message_id, detail, channel, time)
                VALUES (@b, 'test-connector', 'CONNECTOR', 'READ', 'SUCCESS', NULL, '', 'API', @t)
                """, connection);
            command.Parameters.AddWithValue("b", box);
            command.Parameters.AddWithValue("t", time);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Rows deleted by each DELETE on traces the purge executed, in order.</summary>
    private sealed class DeleteChunks : DbCommandInterceptor
    {
        public List<int> Rows { get; } = [];

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("DELETE FROM traces", StringComparison.Ordinal))
                Rows.Add(result);
            return ValueTask.FromResult(result);
        }
    }
}
