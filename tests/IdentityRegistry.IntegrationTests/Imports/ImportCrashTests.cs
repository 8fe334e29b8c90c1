using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>
/// Identity-Registry really killed (SIGKILL through scripts/platform-ctl.sh) in the middle of an import, after some
/// batches committed and before the last: what was committed stays, the job stays RUNNING with that progress, and
/// the restarted service finishes it, every row once.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ImportCrashTests(IdentityFixture fixture, ITestOutputHelper output)
{
    private const int Rows = 100_000;

    [Fact]
    public async Task An_import_killed_mid_way_keeps_its_committed_batches_and_is_finished_after_the_restart_each_row_once()
    {
        var run = Unique.Suffix();
        var structure = await fixture.NewStructureAsync();
        var started = await fixture.StartAsync(structure, LoadusersFiles.Csv(LoadusersFiles.ValidRows(run, Rows)));
        await Eventually.GetAsync(async () => await fixture.Imports.GetImportAsync(new GetImportRequest { Id = started.Id }),
            job => job.ProcessedRows > 0, TimeSpan.FromMinutes(3), "the first batch of the import committed");

        output.WriteLine(await PlatformControl.KillAsync("identity"));
        await AssertIdentityIsDownAsync(started.Id);
        var atKill = await JobRowAsync(started.Id);
        var accountsAtKill = await AccountsOfAsync(structure.Id);
        output.WriteLine($"at the kill: {atKill.State}, {atKill.Processed} of {Rows} rows processed, {atKill.Created} created, {accountsAtKill} accounts");
        output.WriteLine(await PlatformControl.StartAsync("identity"));

        // Killed mid-way: some batches committed, not all; the accounts committed are exactly the progress recorded.
        Assert.Equal("RUNNING", atKill.State);
        Assert.InRange(atKill.Processed, 1, Rows - 1);
        Assert.Equal(atKill.Created, accountsAtKill);
        var (job, _) = await fixture.FinishAsync(started, TimeSpan.FromMinutes(5));
        Assert.Equal((ImportJob.Types.State.Succeeded, Rows, Rows, 0), (job.State, job.ProcessedRows, job.CreatedCount, job.RejectedCount));
        Assert.Equal(Rows, await AccountsOfAsync(structure.Id));
    }

    /// <summary>The process is gone: its own gRPC port refuses the call (a kill that missed it would leave it answering).</summary>
    private static async Task AssertIdentityIsDownAsync(string importId)
    {
        var imports = new ImportService.ImportServiceClient(Channels.Create(TestEnvironment.IdentityGrpcUrl, token: null));
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await imports.GetImportAsync(new GetImportRequest { Id = importId }, deadline: DateTime.UtcNow.AddSeconds(10)));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }

    private static async Task<(string State, int Processed, int Created)> JobRowAsync(string id)
    {
        await using var connection = await Platform.OpenIdentityDatabaseAsync();
        await using var query = new NpgsqlCommand("SELECT state, processed_rows, created_count FROM import_jobs WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", Guid.Parse(id));
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"import job {id} is in the database");
        return (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    private static async Task<long> AccountsOfAsync(string structureId)
    {
        await using var connection = await Platform.OpenIdentityDatabaseAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM accounts WHERE structure_id = @id", connection);
        query.Parameters.AddWithValue("id", Guid.Parse(structureId));
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
