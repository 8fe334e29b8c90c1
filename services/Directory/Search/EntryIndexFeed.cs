using System.Data;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Medimail.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Medimail.Directory.Search;

/// <summary>
/// Keeps the <see cref="EntryIndex"/> in step with <c>directory_entries</c>, whoever wrote it (this instance, another
/// replica, a rebuild). Every insert or update stamps the row with its transaction id (<c>changed_xid</c>, set by a
/// trigger). A catch-up reads, in one REPEATABLE READ snapshot, the rows of every transaction the previous catch-up's
/// snapshot could not see: those still running then (its <c>xip</c> list) and those that started after (ids from its
/// <c>xmax</c> on). So no committed change is missed, whatever order transactions commit in, and a transaction left
/// open elsewhere does not make each catch-up read again everything written since it began. Deletes and a rebuild's
/// table swap bump <c>directory_feed.generation</c>; then the whole table is loaded into a new index, which replaces
/// the old one when complete: readers never see a half-loaded index.
/// </summary>
public sealed class EntryIndexFeed(IConfiguration configuration, ILogger<EntryIndexFeed> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string connectionString = configuration.GetConnectionString("Database")
        ?? throw new InvalidOperationException("ConnectionStrings:Database is required.");
    private volatile EntryIndex? current;
    private long generation = -1;
    private Snapshot seen = new("0", []);
    private long requested;
    private long covered;

    /// <summary>The index, or null until the first load completes (searches then go to SQL).</summary>
    public EntryIndex? Current => current;

    /// <summary>Every change committed before this instant is in the index (the start of the last completed catch-up).</summary>
    public DateTimeOffset? CaughtUpTo { get; private set; }

    /// <summary>
    /// Returns once a catch-up that started after this call has read the table: changes committed before the call are
    /// then in the index. Concurrent callers share catch-ups.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var request = Interlocked.Increment(ref requested);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref covered) >= request)
                return;
            var startedAt = Volatile.Read(ref requested);
            // Taken before the snapshot: whatever committed before this instant is visible to the read.
            var readFrom = DateTimeOffset.UtcNow;
            await ReadChangesAsync(cancellationToken);
            CaughtUpTo = readFrom;
            Volatile.Write(ref covered, startedAt);
        }
        finally { gate.Release(); }
    }

    private async Task ReadChangesAsync(CancellationToken cancellationToken)
    {
        await using var db = new DirectoryDbContext(new DbContextOptionsBuilder<DirectoryDbContext>()
            .UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var (feedGeneration, snapshot) = await FeedStateAsync(db, cancellationToken);

        if (current is null || feedGeneration != generation)
        {
            var started = DateTime.UtcNow;
            var index = new EntryIndex();
            var rows = await db.Entries.AsNoTracking().ToListAsync(cancellationToken);
            index.Apply(rows);
            current = index;
            logger.LogInformation("Directory index loaded: {Count} entries in {Elapsed} ms (generation {Generation})",
                rows.Count, (int)(DateTime.UtcNow - started).TotalMilliseconds, feedGeneration);
        }
        else
        {
            // What changed since the last look is a few rows, always: the index on changed_xid is the plan (scanning
            // the whole table on every commit cost 8-16 CPU-s of PostgreSQL during one 100,000-account import).
            await db.Database.PreferIndexScansAsync(cancellationToken);
            var rows = await db.Entries.FromSqlRaw(
                    "SELECT * FROM directory_entries WHERE changed_xid >= CAST({0} AS xid8) OR changed_xid = ANY(CAST({1} AS xid8[]))",
                    seen.Xmax, seen.InProgress)
                .AsNoTracking().ToListAsync(cancellationToken);
            if (rows.Count > 0)
                current.Apply(rows);
        }
        generation = feedGeneration;
        seen = snapshot;
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<(long Generation, Snapshot Snapshot)> FeedStateAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = """
            SELECT f.generation, pg_snapshot_xmax(s)::text, ARRAY(SELECT pg_snapshot_xip(s)::text)
            FROM directory_feed f, pg_current_snapshot() s
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("directory_feed has no row: the database is not migrated.");
        return (reader.GetInt64(0), new Snapshot(reader.GetString(1), reader.GetFieldValue<string[]>(2)));
    }

    /// <summary>What a snapshot could not see: transactions from <see cref="Xmax"/> on, and those in progress.</summary>
    private sealed record Snapshot(string Xmax, string[] InProgress);

    /// <summary>The channel the table's statement trigger notifies; a listener catches up on each notification.</summary>
    public const string Channel = "directory_entries_changed";

    internal NpgsqlConnection CreateListenerConnection() => new(connectionString);
}
