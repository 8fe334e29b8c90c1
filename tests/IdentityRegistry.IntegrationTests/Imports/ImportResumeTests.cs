using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>
/// What the worker does with a job it finds RUNNING, as after a crash: the job row is written the way a crashed
/// Identity-Registry leaves it, then the worker is woken by another import.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ImportResumeTests(IdentityFixture fixture)
{
    [Fact]
    public async Task A_job_taken_up_a_third_time_without_progress_is_failed_with_its_reason_and_creates_nothing()
    {
        var run = Unique.Suffix();
        var structure = await fixture.NewStructureAsync();
        var jobId = await LeaveRunningAsync(structure, run, stalledRuns: 2, resumedAtRow: 0);

        var job = await WakeWorkerAndWaitAsync(jobId);

        Assert.Equal(ImportJob.Types.State.Failed, job.State);
        // A failed job gives its reason as its first error, line 0 (the file, not a row).
        Assert.Contains("interrompu 3 fois de suite", job.Errors[0].Message);
        Assert.Equal(0, job.Errors[0].Line);
        Assert.Equal(0, job.CreatedCount);
        var search = await fixture.Accounts.SearchAccountsAsync(new SearchAccountsRequest { StructureId = structure.Id });
        Assert.Empty(search.Accounts);
    }

    [Fact]
    public async Task A_job_that_progressed_since_it_was_last_taken_up_is_resumed_to_the_end()
    {
        var run = Unique.Suffix();
        var structure = await fixture.NewStructureAsync();
        // Two stalled take-ups counted before, but the progress moved since the last one: not stalled any more.
        var jobId = await LeaveRunningAsync(structure, run, stalledRuns: 2, resumedAtRow: -1);

        var job = await WakeWorkerAndWaitAsync(jobId);

        Assert.Equal((ImportJob.Types.State.Succeeded, 4), (job.State, job.CreatedCount));
    }

    private static async Task<Guid> LeaveRunningAsync(Structure structure, string run, int stalledRuns, int resumedAtRow)
    {
        await using var connection = await Platform.OpenIdentityDatabaseAsync();
        var id = Guid.CreateVersion7();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO import_jobs (id, structure_id, state, dry_run, send_invitations, file_name, requested_by, content, total_rows,
                processed_rows, created_count, rejected_count, omitted_errors, omitted_warnings, created_at, updated_at, resumed_at_row, stalled_runs)
            VALUES ($1, $2, 'RUNNING', false, false, 'crashed.csv', 'tests', $3, 4, 0, 0, 0, 0, 0, now(), now(), $4, $5)
            """, connection);
        insert.Parameters.AddWithValue(id);
        insert.Parameters.AddWithValue(Guid.Parse(structure.Id));
        insert.Parameters.AddWithValue(ImportRuns.Fixture("win1252-semicolon.csv", run));
        insert.Parameters.AddWithValue(resumedAtRow);
        insert.Parameters.AddWithValue(stalledRuns);
        await insert.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<ImportJob> WakeWorkerAndWaitAsync(Guid jobId)
    {
        // Starting an import wakes the worker, which then takes up every RUNNING job in start order.
        await fixture.ImportAsync(await fixture.NewStructureAsync(), ImportRuns.Fixture("utf8-bom-comma.csv", Unique.Suffix()));
        return (await fixture.FinishAsync(new ImportJob { Id = jobId.ToString() })).Job;
    }
}
