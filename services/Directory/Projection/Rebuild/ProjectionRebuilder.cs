using System.Data.Common;
using Grpc.Core;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Medimail.Directory.Search;
using Medimail.Identity.Internal.V1;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Medimail.Directory.Projection.Rebuild;

public sealed record RebuildResult(int AccountsRead, int EntriesMerged, int Entries, int ListedRegional, int ListedNational, int EntriesDropped);

/// <summary>
/// Rebuilds <c>directory_entries</c> from Identity-Registry's account feed without stopping readers:
/// <list type="number">
/// <item>stream every account into a table of the same name in schema <c>directory_rebuild</c> (no index yet, so it
/// loads fast), keeping from the current entry what the feed lacks or this Directory owns (SetVisibility flags);</item>
/// <item>create the live table's indexes on it, with the same names (index names are per schema), and ANALYZE it;</item>
/// <item>in one short transaction holding the live table exclusively: merge back every live row written since the
/// rebuild started (events keep being projected into the live table meanwhile; the newer version wins, as for
/// events), drop the live table and move the new one into its schema.</item>
/// </list>
/// Searches read the in-memory index of the old table until the swap commits, which bumps <c>directory_feed</c>'s
/// generation: every instance then loads the new table into a new index and swaps it in whole. Events that hit the
/// lock fail and MassTransit retries them against the new table.
/// </summary>
public sealed class ProjectionRebuilder(
    DirectoryDbContext db, AccountFeedService.AccountFeedServiceClient feed, EntryIndexFeed index, IConfiguration configuration,
    TimeProvider clock, ILogger<ProjectionRebuilder> logger)
{
    private const string Table = "directory_entries";
    private const string Shadow = ShadowDbContext.RebuildSchema;
    private const int Batch = 1000;
    /// <summary>Any number, the same in every instance: one rebuild at a time across the deployment.</summary>
    private const long RebuildLock = 0x4D_44_49_52_52_42; // "MDIRRB"
    /// <summary>
    /// Rows written this long before the start are merged too: <c>projected_at</c> comes from each instance's clock, and
    /// the clocks of NTP-synchronised hosts differ by milliseconds. Merging an older row costs nothing (the version
    /// decides); missing a newer one would lose an event, hence the margin.
    /// </summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(2);

    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        // A connection of our own for the whole rebuild: the session-level advisory lock lives on it.
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        if (!await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({RebuildLock})", cancellationToken))
            throw new FailedPreconditionException("Une reconstruction de l'annuaire est déjà en cours.");
        try
        {
            var schema = await ScalarAsync<string>(connection, "SELECT current_schema()", cancellationToken);
            var started = clock.GetUtcNow() - ClockMargin;
            await ExecuteAsync(connection, $"""
                DROP SCHEMA IF EXISTS {Shadow} CASCADE;
                CREATE SCHEMA {Shadow};
                CREATE TABLE {Shadow}.{Table} (LIKE {schema}.{Table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE);
                """, cancellationToken);

            await using var live = LiveContext(connection);
            await using var shadow = ShadowContext(connection);
            var read = await LoadAsync(live, shadow, cancellationToken);
            logger.LogInformation("Rebuild: {Count} accounts read from Identity-Registry; indexing", read);
            await CopyIndexesAndTriggersAsync(connection, schema, cancellationToken);

            var result = await SwapAsync(connection, live, shadow, schema, started, read, cancellationToken);
            // This instance answers from the new table when the call returns; the others reload on the notification.
            await index.CatchUpAsync(cancellationToken);
            logger.LogInformation("Rebuild done: {Entries} entries ({Regional} regional, {National} national), {Merged} merged from events, {Dropped} dropped",
                result.Entries, result.ListedRegional, result.ListedNational, result.EntriesMerged, result.EntriesDropped);
            return result;
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {Shadow} CASCADE", CancellationToken.None);
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({RebuildLock})", CancellationToken.None);
        }
    }

    /// <summary>Streams the accounts (ordered by address) into the shadow table, a batch per round trip.</summary>
    private async Task<int> LoadAsync(DirectoryDbContext live, ShadowDbContext shadow, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + configuration.GetValue("Directory:RebuildDeadline", TimeSpan.FromMinutes(15));
        using var call = feed.StreamAccounts(new StreamAccountsRequest(), deadline: deadline, cancellationToken: cancellationToken);

        var read = 0;
        var batch = new List<DirectoryEntry>(Batch);
        await foreach (var account in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            batch.Add(DirectoryEntry.Create(account.ToSnapshot(), clock.GetUtcNow()));
            read++;
            if (batch.Count == Batch)
                await WriteAsync(live, shadow, batch, cancellationToken);
        }
        await WriteAsync(live, shadow, batch, cancellationToken);
        return read;
    }

    private static async Task WriteAsync(DirectoryDbContext live, ShadowDbContext shadow, List<DirectoryEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return;
        var emails = batch.Select(e => e.Email).ToList();
        var previous = await live.Entries.AsNoTracking().Where(e => emails.Contains(e.Email)).ToDictionaryAsync(e => e.Email, cancellationToken);
        foreach (var entry in batch)
            if (previous.TryGetValue(entry.Email, out var before))
                entry.KeepWhatTheFeedLacks(before);
        shadow.Entries.AddRange(batch);
        await shadow.SaveChangesAsync(cancellationToken);
        shadow.ChangeTracker.Clear();
        batch.Clear();
    }

    /// <summary>
    /// The live table's primary key, indexes and triggers (the search index's change feed), same names, built once the
    /// rows are in.
    /// </summary>
    private static async Task CopyIndexesAndTriggersAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var primaryKey = await ScalarAsync<string>(connection,
            $"SELECT conname FROM pg_constraint WHERE conrelid = '{schema}.{Table}'::regclass AND contype = 'p'", cancellationToken);
        await ExecuteAsync(connection, $"ALTER TABLE {Shadow}.{Table} ADD CONSTRAINT {primaryKey} PRIMARY KEY (email)", cancellationToken);

        var definitions = new List<string>();
        await using (var command = new NpgsqlCommand($"""
            SELECT indexdef FROM pg_indexes WHERE schemaname = @schema AND tablename = @table AND indexname <> @pk
            UNION ALL
            SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = '{schema}.{Table}'::regclass AND NOT tgisinternal
            """, connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            command.Parameters.AddWithValue("table", Table);
            command.Parameters.AddWithValue("pk", primaryKey);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                definitions.Add(reader.GetString(0));
        }
        foreach (var definition in definitions)
            await ExecuteAsync(connection, definition.Replace($" ON {schema}.{Table} ", $" ON {Shadow}.{Table} "), cancellationToken);
        await ExecuteAsync(connection, $"ANALYZE {Shadow}.{Table}", cancellationToken);
    }

    private async Task<RebuildResult> SwapAsync(NpgsqlConnection connection, DirectoryDbContext live, ShadowDbContext shadow,
        string schema, DateTimeOffset started, int read, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        live.Database.UseTransaction(transaction);
        shadow.Database.UseTransaction(transaction);
        // Readers queue behind this lock for the length of the merge; give up rather than stall them behind a long writer.
        await ExecuteAsync(connection, $"SET LOCAL lock_timeout = '10s'; LOCK TABLE {schema}.{Table} IN ACCESS EXCLUSIVE MODE", cancellationToken);

        var merged = await MergeAsync(live, shadow, started, cancellationToken);
        var dropped = await ScalarAsync<long>(connection,
            $"SELECT count(*) FROM {schema}.{Table} l WHERE NOT EXISTS (SELECT 1 FROM {Shadow}.{Table} s WHERE s.email = l.email)", cancellationToken);
        var entries = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {Shadow}.{Table}", cancellationToken);
        var regional = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {Shadow}.{Table} WHERE listed_regional", cancellationToken);
        var national = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {Shadow}.{Table} WHERE listed_national", cancellationToken);
        await ExecuteAsync(connection, $"""
            DROP TABLE {schema}.{Table};
            ALTER TABLE {Shadow}.{Table} SET SCHEMA {schema};
            UPDATE directory_feed SET generation = generation + 1;
            NOTIFY {EntryIndexFeed.Channel};
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RebuildResult(read, merged, (int)entries, (int)regional, (int)national, (int)dropped);
    }

    /// <summary>
    /// Rows the live projection wrote while the rebuild ran (or shortly before). The newer account version wins, as
    /// it would between two events; when the feed's account is newer, the flags set through SetVisibility still come
    /// from the live row. A live row the feed never sent is kept only if it was written during the rebuild.
    /// </summary>
    private static async Task<int> MergeAsync(DirectoryDbContext live, ShadowDbContext shadow, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var changed = await live.Entries.AsNoTracking().Where(e => e.ProjectedAt >= started).ToListAsync(cancellationToken);
        if (changed.Count == 0)
            return 0;
        var emails = changed.Select(e => e.Email).ToList();
        var rebuilt = await shadow.Entries.Where(e => emails.Contains(e.Email)).ToDictionaryAsync(e => e.Email, cancellationToken);

        var replaced = changed.Where(l => rebuilt.TryGetValue(l.Email, out var s) && l.Version >= s.Version).Select(l => l.Email).ToList();
        foreach (var email in replaced)
            shadow.Entry(rebuilt[email]).State = EntityState.Detached;
        await shadow.Entries.Where(e => replaced.Contains(e.Email)).ExecuteDeleteAsync(cancellationToken);

        foreach (var entry in changed)
        {
            if (!rebuilt.TryGetValue(entry.Email, out var newer) || replaced.Contains(entry.Email))
                shadow.Entries.Add(entry);
            else if (entry.VisibilityVersion > newer.VisibilityVersion)
                newer.KeepWhatTheFeedLacks(entry);
        }
        await shadow.SaveChangesAsync(cancellationToken);
        return changed.Count;
    }

    private static DirectoryDbContext LiveContext(DbConnection connection) =>
        new(new DbContextOptionsBuilder<DirectoryDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options);

    private static ShadowDbContext ShadowContext(DbConnection connection) =>
        new(new DbContextOptionsBuilder<ShadowDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
