using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Medimail.Notification.IntegrationTests;

/// <summary>
/// The queue's batch statements (MailBatches) on a real PostgreSQL database of their own: what a worker leases, what
/// it records in one statement, and what comes back when a worker dies or stops.
/// </summary>
public sealed class MailBatchTests(MailBatchTests.QueueDatabase database) : IClassFixture<MailBatchTests.QueueDatabase>
{
    private static readonly SmtpOptions Options = Validated(new SmtpOptions
    {
        Host = "127.0.0.1", From = "Medimail <ne-pas-repondre@test.medimail.fr>", BatchSize = 1000, Lease = TimeSpan.FromSeconds(30),
        MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromSeconds(10),
    });

    [Fact]
    public async Task A_batch_claimed_by_a_worker_that_dies_is_claimed_again_when_its_lease_ends_with_the_same_message_ids()
    {
        var clock = new ManualClock(database.NextEpoch());
        var batches = new MailBatches(Options, clock);
        var queued = await QueueAsync(clock, 3);

        await using var db = database.NewContext();
        var claimed = await batches.ClaimAsync(db, CancellationToken.None);
        // The worker dies here: nothing is recorded. While the lease runs nobody else gets these mails...
        var meanwhile = await batches.ClaimAsync(db, CancellationToken.None);
        clock.Advance(Options.Lease - TimeSpan.FromSeconds(1));
        var justBefore = await batches.ClaimAsync(db, CancellationToken.None);
        // ...and when it ends they are due again, unchanged.
        clock.Advance(TimeSpan.FromSeconds(2));
        var again = await batches.ClaimAsync(db, CancellationToken.None);

        Assert.Equal(queued.Select(m => m.Id).Order(), claimed.Select(m => m.Id).Order());
        Assert.Empty(meanwhile);
        Assert.Empty(justBefore);
        Assert.Equal(queued.Select(m => (m.Id, m.MessageId)).Order(), again.Select(m => (m.Id, m.MessageId)).Order());
        Assert.All(again, m => Assert.Equal((NotificationStates.Queued, 0), (m.State, m.Attempts)));
    }

    [Fact]
    public async Task One_record_statement_writes_every_outcome_of_a_batch()
    {
        var clock = new ManualClock(database.NextEpoch());
        var batches = new MailBatches(Options, clock);
        await QueueAsync(clock, 3);
        await using var db = database.NewContext();
        var claimed = await batches.ClaimAsync(db, CancellationToken.None);
        var (sent, temporary, permanent) = (claimed[0], claimed[1], claimed[2]);

        sent.MarkSent(clock.GetUtcNow());
        temporary.RecordFailure("451 4.3.0 try later", permanent: false, Options.Retry, clock.GetUtcNow(), jitter: 0.5);
        permanent.RecordFailure("550 5.1.1 no such user", permanent: true, Options.Retry, clock.GetUtcNow(), jitter: 0.5);
        var written = await batches.RecordAsync(db, claimed);

        Assert.Equal(3, written);
        var rows = await db.Notifications.AsNoTracking().Where(n => claimed.Select(c => c.Id).Contains(n.Id)).ToDictionaryAsync(n => n.Id);
        Assert.Equal((NotificationStates.Sent, 1, (string?)null), (rows[sent.Id].State, rows[sent.Id].Attempts, rows[sent.Id].LastError));
        Assert.NotNull(rows[sent.Id].SentAt);
        Assert.Equal((NotificationStates.Queued, 1, "451 4.3.0 try later"), (rows[temporary.Id].State, rows[temporary.Id].Attempts, rows[temporary.Id].LastError));
        Assert.Equal((NotificationStates.Failed, 1), (rows[permanent.Id].State, rows[permanent.Id].Attempts));

        // Only the 4xx comes back, after its back-off (10 s base, not the 30 s lease).
        clock.Advance(TimeSpan.FromSeconds(13));
        var retried = await batches.ClaimAsync(db, CancellationToken.None);
        Assert.Equal(new[] { temporary.Id }, retried.Select(m => m.Id));
    }

    [Fact]
    public async Task A_late_record_never_turns_a_sent_mail_back_and_released_mail_is_due_at_once()
    {
        var clock = new ManualClock(database.NextEpoch());
        var batches = new MailBatches(Options, clock);
        await QueueAsync(clock, 2);
        await using var db = database.NewContext();
        var claimed = await batches.ClaimAsync(db, CancellationToken.None);
        var (tried, untried) = (claimed[0], claimed[1]);
        tried.MarkSent(clock.GetUtcNow());
        await batches.RecordAsync(db, [tried]);
        await batches.ReleaseAsync(db, [untried.Id]);

        // A worker whose lease ran out records a failure for the same mail after it was sent: the SENT stays.
        var stale = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == tried.Id);
        stale.State = NotificationStates.Queued;
        stale.RecordFailure("421 closing", permanent: false, Options.Retry, clock.GetUtcNow(), jitter: 0.5);
        Assert.Equal(0, await batches.RecordAsync(db, [stale]));
        Assert.Equal(NotificationStates.Sent, (await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == tried.Id)).State);

        // The mail the worker never tried does not wait for the lease.
        Assert.Equal(new[] { untried.Id }, (await batches.ClaimAsync(db, CancellationToken.None)).Select(m => m.Id));
    }

    /// <summary>Queues <paramref name="count"/> reception notices through MailQueue's COPY, as a consumer does.</summary>
    private async Task<IReadOnlyList<MailNotification>> QueueAsync(ManualClock clock, int count)
    {
        var templates = MailTemplates.Load(Path.Combine(AppContext.BaseDirectory, "Templates"));
        var queue = new MailQueue(templates, Options, clock);
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var values = ReceptionNotice.Values(new Contracts.SharedMailboxMessageReceived("secretariat@ehpad.test.medimail.fr", "Secrétariat", [], clock.GetUtcNow()));
        var queued = await queue.QueueAsync(db,
            Enumerable.Range(0, count).Select(_ => new MailRequest(Unique.Email("batch"), NotificationKinds.ReceptionNotice, values, null, null)),
            CancellationToken.None);
        await transaction.CommitAsync();
        return queued;
    }

    private static SmtpOptions Validated(SmtpOptions options)
    {
        options.Validate();
        return options;
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;
        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
    }

    /// <summary>
    /// A fresh database created from the service's model, dropped at the end. Each test works in an epoch of its own
    /// (a year apart), so the mails another test left due are never due at this test's "now".
    /// </summary>
    public sealed class QueueDatabase : IAsyncLifetime
    {
        private readonly string name = $"notification_batches_{Unique.Suffix()}";
        private int epochs;

        public DateTimeOffset NextEpoch() =>
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddYears(-10 * Interlocked.Increment(ref epochs));

        public NotificationDbContext NewContext() => new(new DbContextOptionsBuilder<NotificationDbContext>()
            .UseNpgsql(TestEnvironment.DatabaseConnection(name)).UseSnakeCaseNamingConvention().Options);

        public async Task InitializeAsync()
        {
            await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnection))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            await using var db = NewContext();
            await db.Database.EnsureCreatedAsync();
        }

        public async Task DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
