using Medimail.Identity.V1;
using Medimail.Notification.Mail;
using Medimail.Notification.V1;
using Medimail.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Medimail.Notification.IntegrationTests;

/// <summary>
/// The sender at the ends of its life: a graceful stop (SIGTERM through scripts/platform-ctl.sh) in the middle of a
/// relaunch, and a mail the server keeps refusing, through to FAILED, from an account created with an invitation.
/// </summary>
[Collection(PlatformFaults.Name)]
public sealed class SenderLifecycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly SmtpOptions Defaults = new();

    public Task InitializeAsync() => SentMail.SetSinkModeAsync("accept");

    public Task DisposeAsync() => SentMail.SetSinkModeAsync("accept");

    [Fact]
    public async Task A_graceful_stop_records_what_was_sent_and_gives_back_the_untried_mail_at_once()
    {
        const int people = 300;
        var domain = Relaunching.UniqueDomain("arret");
        var (structureId, _) = await Relaunching.StructureWithPreRegisteredAsync(people, domain);
        // 100 ms a mail and 8 workers: each worker is in the middle of a leased batch of 50 when the stop comes.
        await SentMail.SetSinkModeAsync("slow:100");
        var relaunch = await Relaunching.StartAsync(structureId);
        await Eventually.GetAsync(() => SentMail.SummariesToAsync("@" + domain), m => m.Count >= 20,
            TimeSpan.FromSeconds(120), "the first mails of the relaunch reach the sink");

        output.WriteLine(await PlatformControl.StopAsync("notification"));
        var rows = await RowsOfAsync(relaunch.Id);
        var received = (await SentMail.SummariesToAsync("@" + domain)).SelectMany(m => m.EnvelopeTo)
            .Select(e => e.ToLowerInvariant()).ToHashSet();
        await SentMail.SetSinkModeAsync("accept");
        output.WriteLine(await PlatformControl.StartAsync("notification"));

        var sent = rows.Where(r => r.State == "SENT").ToList();
        var queued = rows.Where(r => r.State == "QUEUED").ToList();
        var stillLeased = queued.Where(r => r.Leased).ToList();
        output.WriteLine($"at the stop: {sent.Count} SENT, {queued.Count} QUEUED ({stillLeased.Count} still leased), {received.Count} at the sink");
        Assert.True(sent.Count > 0 && queued.Count > 0, "the stop must land in the middle of the relaunch");
        // Every mail recorded SENT reached the server; only a mail cut in the middle of its send (one per worker)
        // may have reached it unrecorded: it keeps its lease and goes again under the same Message-ID.
        Assert.All(sent, r => Assert.Contains(r.Recipient, received));
        Assert.True(stillLeased.Count <= Defaults.Workers, $"{stillLeased.Count} QUEUED mails still leased after the stop: untried mail not given back");
        Assert.All(queued.Except(stillLeased), r => Assert.Equal(0, r.Attempts));

        var settled = await Relaunching.SettledAsync(structureId, TimeSpan.FromSeconds(180));
        Assert.All(settled.Recipients, r => Assert.Equal(DeliveryState.Sent, r.DeliveryState));
    }

    [Fact]
    public async Task A_mail_the_server_keeps_refusing_is_failed_after_the_last_attempt_and_never_delivered()
    {
        var identity = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync());
        var structure = await new StructureService.StructureServiceClient(identity).CreateStructureAsync(Testing.Accounts.NewStructure());
        await SentMail.SetSinkModeAsync("tempfail:1000");

        var account = await new AccountService.AccountServiceClient(identity).CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = structure.Id, Account = Testing.Accounts.Per(), SendInvitation = true,
        });

        var failed = await Notifications.WaitAsync(account.Email, list => list.Any(n => n.State == DeliveryState.Failed),
            $"FAILED after {Defaults.MaxAttempts} attempts");
        var mail = Assert.Single(failed);
        Assert.Equal(Defaults.MaxAttempts, mail.Attempts);
        Assert.Contains("451", mail.LastError);
        Assert.Null(mail.SentTime);
        await SentMail.SetSinkModeAsync("accept");
        Assert.Empty(await SentMail.ToAsync(account.Email));
        // FAILED is final: the row is no longer due, whatever the server does now.
        Assert.False(await DueAsync(mail.Id), "a FAILED mail is still due for sending");
    }

    private sealed record Row(string Recipient, string State, int Attempts, bool Leased);

    /// <summary>The relaunch's mails as the database holds them; leased = not due before a lease ends.</summary>
    private static async Task<List<Row>> RowsOfAsync(string relaunchId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("notification"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT lower(recipient), state, attempts, next_attempt_at > now() + interval '2 seconds'
            FROM notifications WHERE relaunch_id = @relaunch
            """, connection);
        query.Parameters.AddWithValue("relaunch", relaunchId);
        var rows = new List<Row>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3)));
        return rows;
    }

    private static async Task<bool> DueAsync(string notificationId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("notification"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT state = 'QUEUED' FROM notifications WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", Guid.Parse(notificationId));
        return (bool)(await query.ExecuteScalarAsync())!;
    }
}
