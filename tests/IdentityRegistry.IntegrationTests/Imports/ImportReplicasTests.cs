using Google.Protobuf;
using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>
/// Two replicas of Identity-Registry and two of the Directory side by side (scripts/platform-ctl.sh start-replica, same
/// databases and broker): an import started on the second Identity-Registry, with both outbox relays and both Directory
/// consumers running, puts each of its accounts in the directory once, in each replica's search index once, and leaves
/// no event unsent.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ImportReplicasTests(IdentityFixture fixture, ITestOutputHelper output)
{
    private const int Rows = 500;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_import_through_two_identity_and_two_directory_replicas_puts_each_account_in_the_directory_once_and_drains_the_outbox()
    {
        // Both at once: each start waits for its replica's /health.
        var replicas = await Task.WhenAll(PlatformControl.RunAsync("start-replica", "identity"), PlatformControl.RunAsync("start-replica", "directory"));
        output.WriteLine(string.Join('\n', replicas));
        try
        {
            var run = Unique.Suffix();
            // Only this import's events: other tests of the run leave rows of their own (expiry tests on a shifted clock
            // write rows dated weeks ahead, not due before then).
            var since = DateTime.UtcNow;
            // Every ORG row (one in 50, ACTIVE once imported, so listed) carries a word of this run alone, to search by.
            var word = "rep" + run;
            var rows = LoadusersFiles.ValidRows(run, Rows).Select(r => r.Replace(";SECRÉTARIAT;Service ", $";SECRÉTARIAT;Service {word} "));
            var structure = await fixture.NewStructureAsync();
            var imports = new ImportService.ImportServiceClient(Channels.Create(Url("IDENTITY_REPLICA"), fixture.Token));
            var started = await imports.StartImportAsync(new StartImportRequest
            {
                StructureId = structure.Id, FileName = "loadusers.csv", Content = ByteString.CopyFrom(LoadusersFiles.Csv(rows)),
            });
            var job = await Eventually.GetAsync(async () => await imports.GetImportAsync(new GetImportRequest { Id = started.Id }),
                j => j.State != ImportJob.Types.State.Running, Patience, "the import to finish");
            Assert.Equal((ImportJob.Types.State.Succeeded, Rows, 0), (job.State, job.CreatedCount, job.RejectedCount));

            await Eventually.GetAsync(() => CountAsync("directory", "SELECT count(*) FROM directory_entries WHERE email LIKE @p", ("p", $"%.{run}@bench.medimail.fr")),
                n => n == Rows, Patience, $"the {Rows} imported accounts in the Directory's database");
            var organisations = Rows / 50;
            foreach (var directory in new[] { "DIRECTORY", "DIRECTORY_REPLICA" })
            {
                var search = new DirectoryService.DirectoryServiceClient(Channels.Create(Url(directory), fixture.Token));
                var found = await Eventually.GetAsync(
                    async () => await search.SearchAsync(new SearchRequest { Directory = "regional", Query = word, PageSize = 100 }),
                    r => r.TotalSize >= organisations, Patience, $"the imported ORG boxes in the index of {directory}");
                Assert.Equal(organisations, found.TotalSize);
                Assert.Equal(organisations, found.Entries.Select(e => e.Email).Distinct().Count());
            }
            await Eventually.GetAsync(() => CountAsync("identity", "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND created_at BETWEEN @since AND @until",
                    ("since", since), ("until", since + Patience * 3)),
                n => n == 0, Patience, "Identity-Registry's outbox drained by the two relays");
        }
        finally
        {
            output.WriteLine(await PlatformControl.RunAsync("stop-replica", "identity"));
            output.WriteLine(await PlatformControl.RunAsync("stop-replica", "directory"));
        }
    }

    private static string Url(string process) =>
        Environment.GetEnvironmentVariable($"MEDIMAIL_{process}_GRPC_URL") is { Length: > 0 } url ? url
        : throw new InvalidOperationException($"MEDIMAIL_{process}_GRPC_URL is not set: run the tests through scripts/test.sh.");

    private static async Task<long> CountAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
