using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>
/// docs/domain.md, "Account states" (expiry): the expiry job run with its clock moved to tomorrow, on a database of these tests' own
/// (<see cref="ExpiryDatabase"/>) holding accounts made through the platform's API, so that the job sees no other
/// test's accounts and its counts are exact.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountExpiryTests(IdentityFixture fixture, ExpiryDatabase database) : IClassFixture<ExpiryDatabase>
{
    private const int BatchSize = 500;
    private static readonly DateOnly Tomorrow = ParisCalendar.Today(TimeProvider.System).AddDays(1);
    private static readonly TimeProvider OnTomorrow = new ExpiryDatabase.ShiftedClock(TimeSpan.FromDays(1));

    [Fact]
    public async Task Accounts_reaching_their_expiry_date_are_disabled_with_an_event_and_each_goes_back_to_its_own_state()
    {
        var person = await fixture.CreateAsync(WithExpiry(Testing.Accounts.Per(), Tomorrow));
        var enrolled = await fixture.CreateAsync(WithExpiry(Testing.Accounts.Per(), Tomorrow));
        var box = await fixture.CreateAsync(WithExpiry(Testing.Accounts.Org(fixture.Person.Email), Tomorrow));
        var later = await fixture.CreateAsync(WithExpiry(Testing.Accounts.Per(), Tomorrow.AddDays(2)));
        Assert.Equal((Account.Types.State.PreRegistered, Account.Types.State.Active), (person.State, box.State));
        await database.CopyFromPlatformAsync(person.Email, enrolled.Email, box.Email, later.Email);
        // A person who finished the enrolment: same type as the first, another state, so that going back to a state
        // the type would give (PER: PRE_REGISTERED) cannot pass for going back to the account's own.
        Assert.Equal(1, await ScalarAsync($"WITH done AS (UPDATE accounts SET state = 'ACTIVE' WHERE email = '{enrolled.Email}' RETURNING 1) SELECT count(*) FROM done"));
        var replica = database.Replica(OnTomorrow);

        var disabled = await ExpiryDatabase.ExpiryOf(replica).ExpireDueAsync(CancellationToken.None);

        Assert.Equal(3, disabled);
        Assert.Equal(["DISABLED", "DISABLED", "DISABLED", "PRE_REGISTERED"], await StatesAsync(person.Email, enrolled.Email, box.Email, later.Email));
        Assert.Equal(["PRE_REGISTERED", "ACTIVE", "ACTIVE"], await PreviousStatesAsync(person.Email, enrolled.Email, box.Email));

        // Re-activated by an administrator, each goes back to the state it had.
        await using var scope = replica.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountRegistry>();
        foreach (var email in new[] { person.Email, enrolled.Email, box.Email })
            await accounts.EnableAsync(ExpiryDatabase.Operator, email, CancellationToken.None);
        Assert.Equal(["PRE_REGISTERED", "ACTIVE", "ACTIVE", "PRE_REGISTERED"], await StatesAsync(person.Email, enrolled.Email, box.Email, later.Email));
    }

    [Fact]
    public async Task The_job_commits_in_batches_and_two_replicas_share_it_disabling_each_account_once()
    {
        const int due = 1234, held = 100;
        var template = await fixture.CreateAsync(Testing.Accounts.Per());
        await database.CopyFromPlatformAsync(template.Email);
        var clones = await CloneAsync(template.Email, due, Tomorrow);
        var first = ExpiryDatabase.ExpiryOf(database.Replica(OnTomorrow));
        var second = ExpiryDatabase.ExpiryOf(database.Replica(OnTomorrow));
        // Only the clones are due in this database: the other test of the class leaves accounts due tomorrow too.
        await ScalarAsync("WITH cleared AS (UPDATE accounts SET expires_on = NULL WHERE email NOT LIKE 'clone%' RETURNING 1) SELECT count(*) FROM cleared");

        // An administrator is changing some of them at that moment: both replicas skip those (they wait for the next
        // pass) and share the rest.
        await using var connection = await database.OpenAsync();
        await using (var administrator = await connection.BeginTransactionAsync())
        {
            await using (var hold = new NpgsqlCommand("SELECT email FROM accounts WHERE email = ANY(@held) FOR UPDATE", connection, administrator))
            {
                hold.Parameters.AddWithValue("held", clones.Take(held).ToArray());
                await hold.ExecuteNonQueryAsync();
            }
            var together = await Task.WhenAll(first.ExpireDueAsync(CancellationToken.None), second.ExpireDueAsync(CancellationToken.None));
            Assert.Equal(due - held, together.Sum());
            await administrator.RollbackAsync();
        }
        var nextPass = await second.ExpireDueAsync(CancellationToken.None);

        Assert.Equal(held, nextPass);
        Assert.Equal(0, await first.ExpireDueAsync(CancellationToken.None));
        // Each account disabled once, with one event each.
        Assert.Equal(due, await ScalarAsync("SELECT count(*) FROM accounts WHERE email LIKE 'clone%' AND state = 'DISABLED'"));
        Assert.Equal(due, await ScalarAsync(
            "SELECT count(DISTINCT payload::jsonb #>> '{account,email}') FROM outbox_messages WHERE message_type LIKE '%AccountStateChanged'" +
            " AND payload::jsonb #>> '{account,email}' LIKE 'clone%'"));
        Assert.Equal(due, await ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%AccountStateChanged' AND payload::jsonb #>> '{account,email}' LIKE 'clone%'"));
        // Batches: every transaction that disabled accounts (xmin of their rows) disabled 500 at most.
        var batches = await BatchSizesAsync();
        Assert.All(batches, size => Assert.InRange(size, 1, BatchSize));
        Assert.True(batches.Count >= 4, $"{batches.Count} batches: {string.Join(", ", batches)}");
    }

    private static Account WithExpiry(Account account, DateOnly date)
    {
        account.ExpiresOn = date.ToString("yyyy-MM-dd");
        return account;
    }

    /// <summary>Copies of one account (only the address differs), expiring on <paramref name="expiresOn"/>.</summary>
    private async Task<List<string>> CloneAsync(string template, int count, DateOnly expiresOn)
    {
        await using var connection = await database.OpenAsync();
        await using var clone = new NpgsqlCommand("""
            INSERT INTO accounts
            SELECT (jsonb_populate_record(NULL::accounts, to_jsonb(a)
                || jsonb_build_object('email', format('clone%s.%s', lpad(g::text, 5, '0'), a.email), 'expires_on', @expires::text))).*
            FROM accounts a, generate_series(1, @count) g
            WHERE a.email = @template
            RETURNING email
            """, connection);
        clone.Parameters.AddWithValue("expires", expiresOn.ToString("yyyy-MM-dd"));
        clone.Parameters.AddWithValue("count", count);
        clone.Parameters.AddWithValue("template", template);
        var emails = new List<string>();
        await using var reader = await clone.ExecuteReaderAsync();
        while (await reader.ReadAsync()) emails.Add(reader.GetString(0));
        Assert.Equal(count, emails.Count);
        return emails.Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<int>> BatchSizesAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*)::int FROM accounts WHERE email LIKE 'clone%' AND state = 'DISABLED' GROUP BY xmin::text", connection);
        var sizes = new List<int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) sizes.Add(reader.GetInt32(0));
        return sizes;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await query.ExecuteScalarAsync());
    }

    private async Task<List<string>> StatesAsync(params string[] emails)
    {
        await using var connection = await database.OpenAsync();
        var states = new List<string>();
        foreach (var email in emails)
        {
            await using var query = new NpgsqlCommand("SELECT state FROM accounts WHERE email = @email", connection);
            query.Parameters.AddWithValue("email", email);
            states.Add((string)(await query.ExecuteScalarAsync())!);
        }
        return states;
    }

    /// <summary>The previous state carried by each account's AccountStateChanged staged by the expiry job, in the given order.</summary>
    private async Task<List<string>> PreviousStatesAsync(params string[] emails)
    {
        await using var connection = await database.OpenAsync();
        var states = new List<string>();
        foreach (var email in emails)
        {
            await using var query = new NpgsqlCommand(
                """
                SELECT payload::jsonb ->> 'previousState' FROM outbox_messages
                WHERE message_type LIKE '%AccountStateChanged' AND payload::jsonb #>> '{account,email}' = $1 AND payload::jsonb ->> 'changedBy' = $2
                """, connection);
            query.Parameters.AddWithValue(email);
            query.Parameters.AddWithValue(AccountExpiry.ChangedBy);
            states.Add((string)(await query.ExecuteScalarAsync())!);
        }
        return states;
    }
}
