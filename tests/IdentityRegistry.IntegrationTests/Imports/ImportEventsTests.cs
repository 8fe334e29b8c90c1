using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>
/// The AccountsImported events of a job are committed with each batch but held back until the job ends: the Directory
/// and the Mailbox project the accounts after the import rather than competing with it.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ImportEventsTests(IdentityFixture fixture)
{
    [Fact]
    public async Task An_imports_events_are_committed_batch_by_batch_and_published_only_once_the_job_has_ended()
    {
        // A small import first, so that the relay has published since the service started: released early, the
        // events of the first batches would then leave within milliseconds of their commit, long before the job ends.
        await fixture.ImportAsync(await fixture.NewStructureAsync(), ImportRuns.Fixture("utf8-bom-comma.csv", Unique.Suffix()));
        // Ten transactions of 2,000 rows, forty events of 500 accounts.
        var started = await fixture.StartAsync(await fixture.NewStructureAsync(), LoadusersFiles.Csv(LoadusersFiles.ValidRows(Unique.Suffix(), 20_000)));
        var (job, _) = await fixture.FinishAsync(started);
        Assert.Equal((ImportJob.Types.State.Succeeded, 20_000), (job.State, job.CreatedCount));

        await using var connection = await Platform.OpenIdentityDatabaseAsync();
        var events = await Eventually.GetAsync(() => EventsOfAsync(connection, started.Id), e => e.Count == 40 && e.All(x => x.SentAt is not null),
            TimeSpan.FromSeconds(30), "the forty events to be published");
        var ended = await JobEndedAtAsync(connection, started.Id);

        Assert.All(events, e =>
        {
            Assert.True(e.CreatedAt < ended, "each event was committed with its batch, before the job ended");
            Assert.True(e.SentAt >= ended, $"event published at {e.SentAt:O}, before the job ended at {ended:O}");
            Assert.Null(e.HeldBy);
        });
        Assert.Equal(20_000, events.Sum(e => e.Accounts));
    }

    private sealed record Event(DateTime CreatedAt, DateTime? SentAt, string? HeldBy, int Accounts);

    private static async Task<List<Event>> EventsOfAsync(NpgsqlConnection connection, string importId)
    {
        await using var query = new NpgsqlCommand(
            """
            SELECT created_at, sent_at, held_by, json_array_length(payload -> 'accounts')
            FROM outbox_messages
            WHERE message_type = 'Medimail.Contracts.AccountsImported' AND payload ->> 'importId' = $1
            """, connection);
        query.Parameters.AddWithValue(importId);
        await using var reader = await query.ExecuteReaderAsync();
        var events = new List<Event>();
        while (await reader.ReadAsync())
            events.Add(new Event(reader.GetDateTime(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3)));
        return events;
    }

    private static async Task<DateTime> JobEndedAtAsync(NpgsqlConnection connection, string importId)
    {
        await using var query = new NpgsqlCommand("SELECT updated_at FROM import_jobs WHERE id = $1", connection);
        query.Parameters.AddWithValue(Guid.Parse(importId));
        return (DateTime)(await query.ExecuteScalarAsync())!;
    }
}
