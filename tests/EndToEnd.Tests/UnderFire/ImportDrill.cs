using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Grpc.Net.Client;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests.UnderFire;

/// <summary>
/// Loadusers imports through the gateway for the failure tests: each into a structure of its own, timed from upload
/// until every account is in the Directory's projection, then checked row by row in both databases.
/// </summary>
internal sealed class ImportDrill(GrpcChannel channel, ITestOutputHelper output) : IDisposable
{
    /// <summary>The size: 20,000 rows, ten transactions of 2,000 in Identity-Registry, 40 events of 500.</summary>
    public const int Rows = 20_000;

    /// <summary>How long one import may take to reach the directory, failures and restarts included.</summary>
    public static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(150);

    private readonly ImportService.ImportServiceClient imports = new(channel);
    private readonly StructureService.StructureServiceClient structures = new(channel);

    /// <summary>An import under way; <paramref name="UploadedAt"/> bounds its outbox rows (a ledger since then holds its events).</summary>
    public sealed record Run(string Label, string StructureId, string JobId, Stopwatch SinceUpload, DateTimeOffset UploadedAt);

    /// <summary>AccountsImported events per import: one per 500 accounts.</summary>
    public const int EventsPerImport = Rows / 500;

    public static async Task<ImportDrill> CreateAsync(ITestOutputHelper output) =>
        new(Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync()), output);

    /// <summary>
    /// Uploads <paramref name="rows"/> valid people (PRE_REGISTERED, no invitation) into a new structure, their addresses
    /// under <paramref name="domain"/>; the clock starts at the upload.
    /// </summary>
    public async Task<Run> StartAsync(string label, int rows = Rows, string? domain = null)
    {
        var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
        var content = Csv(domain ?? $"{Unique.Suffix()}.underfire.medimail.fr", rows);
        var uploadedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var job = await imports.StartImportAsync(new StartImportRequest
        {
            StructureId = structure.Id, FileName = "loadusers.csv", Content = ByteString.CopyFrom(content),
        }, deadline: DateTime.UtcNow.AddSeconds(60));
        return new Run(label, structure.Id, job.Id, clock, uploadedAt);
    }

    /// <summary>Waits until some of the import's batches committed; returns the rows committed then (fewer than all: mid-import).</summary>
    public static async Task<int> MidImportAsync(Run run)
    {
        var (state, processed) = await Eventually.GetAsync(() => JobAsync(run.JobId), j => j.Processed > 0,
            TimeSpan.FromSeconds(60), $"the first batch of import {run.Label} committed");
        Assert.True(state == "RUNNING" && processed < Rows, $"import {run.Label} must still run: {state}, {processed} of {Rows} rows");
        return processed;
    }

    /// <summary>Waits until the import job SUCCEEDED.</summary>
    public static Task<(string State, int Processed)> SucceededAsync(Run run) =>
        Eventually.GetAsync(() => JobAsync(run.JobId), j => j.State == "SUCCEEDED", ConvergeTimeout, $"import {run.Label} SUCCEEDED");

    /// <summary>
    /// Waits until every row is an account and a directory entry; returns the seconds since the upload. On timeout the
    /// message gives the job's state and rows, the entries, and the import's events (the ledger since its upload).
    /// </summary>
    public async Task<double> ConvergedAsync(Run run)
    {
        await Eventually.GetAsync(async () => (Job: await JobAsync(run.JobId), Entries: await EntriesAsync(run.StructureId)),
            s => s.Job.State == "SUCCEEDED" && s.Entries == Rows, ConvergeTimeout,
            $"import {run.Label} SUCCEEDED and its {Rows} accounts in the directory",
            async s => $"job {s.Job.State} at {s.Job.Processed} of {Rows} rows, {s.Entries} of {Rows} entries in the directory; " +
                $"since its upload: {(await Ledger.TakeEvenIfBrokerDownAsync(run.UploadedAt)).Describe(EventsPerImport)}");
        var seconds = run.SinceUpload.Elapsed.TotalSeconds;
        output.WriteLine($"{run.Label}: {Rows} rows in the directory {seconds:F1} s after upload");
        return seconds;
    }

    /// <summary>
    /// The promise after a failure: every row of each run an account once and an entry once, each import event applied
    /// once by the Directory, the outboxes drained to zero and no message dead-lettered since <paramref name="before"/>.
    /// </summary>
    public async Task AssertNothingLostAsync(Ledger before, params Run[] runs)
    {
        foreach (var run in runs)
        {
            var (state, processed) = await JobAsync(run.JobId);
            var (accounts, distinctAccounts) = await CountAsync("identity",
                "SELECT count(*), count(DISTINCT lower(email)) FROM accounts WHERE structure_id = @s", Guid.Parse(run.StructureId));
            var (entries, distinctEntries) = await CountAsync("directory",
                "SELECT count(*), count(DISTINCT email) FROM directory_entries WHERE structure_id = @s", run.StructureId);
            output.WriteLine($"{run.Label}: job {state} at {processed} rows; {accounts} accounts ({distinctAccounts} distinct), " +
                $"{entries} directory entries ({distinctEntries} distinct)");
            Assert.Equal(("SUCCEEDED", Rows), (state, processed));
            Assert.Equal((Rows, Rows), (accounts, distinctAccounts));
            Assert.Equal((Rows, Rows), (entries, distinctEntries));
        }

        var drained = await Eventually.GetAsync(() => Ledger.TakeAsync(before.Since), l => l.Unsent == 0,
            TimeSpan.FromSeconds(60), "the outboxes of Identity-Registry and the Directory drained to zero",
            l => l.Describe(runs.Length * EventsPerImport, before));
        output.WriteLine($"events since the start: {drained.Events} AccountsImported published, {drained.Applied} applied by the Directory " +
            $"(once each: {drained.AppliedTwice} twice), {drained.Failed} failed at least once before they were sent; outboxes " +
            $"{drained.Unsent} unsent; dead letters {drained.DeadLetters} (_error/_skipped, {before.DeadLetters} before)");
        Assert.Equal(runs.Length * EventsPerImport, drained.Events);
        Assert.Equal((drained.Events, 0L), (drained.Applied, drained.AppliedTwice));
        Assert.Equal(before.DeadLetters, drained.DeadLetters);
    }

    /// <summary>
    /// The figures a failure test compares before and after: events, those whose publish failed, outbox rows left,
    /// dead letters (null when the ledger was taken without asking the broker).
    /// </summary>
    public sealed record Ledger(DateTimeOffset Since, long Events, long Applied, long AppliedTwice, long Failed, long FailedSent, long Unsent,
        long? DeadLetters)
    {
        /// <summary>
        /// AccountsImported events staged since <paramref name="since"/>, how many the Directory applied, how many of them
        /// the relay failed to publish at least once (it counts each failed attempt in the row's <c>attempts</c> and keeps
        /// <c>last_error</c>) and how many of those were sent since, rows not yet sent, and dead letters unless
        /// <paramref name="countDeadLetters"/> is false (they come from rabbitmqctl, which fails while the broker is down).
        /// </summary>
        public static async Task<Ledger> TakeAsync(DateTimeOffset since, bool countDeadLetters = true)
        {
            await using var identity = await OpenAsync("identity");
            var events = new List<Guid>();
            long failed = 0, failedSent = 0;
            await using (var query = new NpgsqlCommand("""
                SELECT id, attempts > 0, sent_at IS NOT NULL FROM outbox_messages
                WHERE created_at >= @since AND message_type LIKE '%AccountsImported%'
                """, identity))
            {
                query.Parameters.AddWithValue("since", since);
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    events.Add(reader.GetGuid(0));
                    if (!reader.GetBoolean(1))
                        continue;
                    failed++;
                    if (reader.GetBoolean(2))
                        failedSent++;
                }
            }
            var unsent = await ScalarAsync(identity, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND created_at >= @since", since);
            await using var directory = await OpenAsync("directory");
            unsent += await ScalarAsync(directory, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND created_at >= @since", since);
            long applied, twice;
            await using (var query = new NpgsqlCommand("""
                SELECT count(*), count(*) - count(DISTINCT message_id) FROM processed_messages
                WHERE consumer = 'AccountsImportedConsumer' AND message_id = ANY(@ids)
                """, directory))
            {
                query.Parameters.AddWithValue("ids", events.ToArray());
                await using var reader = await query.ExecuteReaderAsync();
                await reader.ReadAsync();
                (applied, twice) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            long? deadLetters = countDeadLetters
                ? (await Queues.ListAsync())
                    .Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) || q.Key.EndsWith("_skipped", StringComparison.Ordinal))
                    .Sum(q => q.Value.Ready + q.Value.Unacknowledged)
                : null;
            return new Ledger(since, events.Count, applied, twice, failed, failedSent, unsent, deadLetters);
        }

        /// <summary>For a failure message: the whole ledger if the broker answers, else the databases' figures.</summary>
        public static async Task<Ledger> TakeEvenIfBrokerDownAsync(DateTimeOffset since)
        {
            try
            {
                return await TakeAsync(since);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                return await TakeAsync(since, countDeadLetters: false);
            }
        }

        /// <summary>Now, before anything happens: the dead letters already there.</summary>
        public static Task<Ledger> StartAsync() => TakeAsync(DateTimeOffset.UtcNow);

        /// <summary>The counts against what is expected, for a timeout message.</summary>
        public string Describe(long expectedEvents, Ledger? before = null) =>
            $"{Events} AccountsImported events staged (expected {expectedEvents}), {Applied} applied by the Directory " +
            $"({AppliedTwice} twice), {Failed} failed to publish at least once ({FailedSent} of them sent since), " +
            $"{Unsent} outbox rows unsent (expected 0), dead letters " +
            (DeadLetters is { } dead ? $"{dead}" : "not counted") +
            (before?.DeadLetters is { } earlier ? $" (expected {earlier}, as before)" : "");
    }

    public static async Task<(string State, int Processed)> JobAsync(string jobId)
    {
        await using var connection = await OpenAsync("identity");
        await using var query = new NpgsqlCommand("SELECT state, processed_rows FROM import_jobs WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", Guid.Parse(jobId));
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"import job {jobId} is in the database");
        return (reader.GetString(0), reader.GetInt32(1));
    }

    public static async Task<long> EntriesAsync(string structureId)
    {
        await using var connection = await OpenAsync("directory");
        await using var query = new NpgsqlCommand("SELECT count(*) FROM directory_entries WHERE structure_id = @s", connection);
        query.Parameters.AddWithValue("s", structureId);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    private static async Task<(long, long)> CountAsync(string database, string sql, object structure)
    {
        await using var connection = await OpenAsync(database);
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue("s", structure);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, DateTimeOffset since)
    {
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue("since", since);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string database)
    {
        // No pooling: a PostgreSQL restart must not hand the test a dead pooled connection.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestEnvironment.DatabaseConnection(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A loadusers CSV (UTF-8 with BOM, ';') of <paramref name="count"/> valid PER rows, addresses under <paramref name="domain"/>.</summary>
    private static byte[] Csv(string domain, int count)
    {
        var text = new StringBuilder("Adresse mail;NOM;Prénom;RPPS;ADELI;Adresse (1);CP;VILLE;Département;Région;Profession;Spécialité;" +
            "Activité libérale;Type BAL;Type identifiant structure resp;Identifiant structure resp;Civilité exercice;Nom resp;Prénom resp;" +
            "Profession resp;Identifiant resp;Description fonctionnelle;Compte(s) de connexion\r\n");
        for (var i = 0; i < count; i++)
            text.Append($"feu{i:D5}@{domain};DUPONT;Jean {i};10123456781;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;SM54;NON;PER;;;;;;;;;\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public void Dispose() => channel.Dispose();
}
