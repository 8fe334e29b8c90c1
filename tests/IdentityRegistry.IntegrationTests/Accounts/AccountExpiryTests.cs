using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>docs/domain.md, "Account states" (expiry), on the platform's own database: the expiry job run with its clock moved to tomorrow.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountExpiryTests(IdentityFixture fixture)
{
    private static readonly string Database = Platform.IdentityDatabase;

    [Fact]
    public async Task Accounts_reaching_their_expiry_date_are_disabled_with_an_event_and_later_ones_stay_as_they_are()
    {
        var tomorrow = ParisCalendar.Today(TimeProvider.System).AddDays(1);
        var person = await fixture.CreateAsync(WithExpiry(Testing.Accounts.Per(), tomorrow));
        var box = await fixture.CreateAsync(WithExpiry(Testing.Accounts.Org(fixture.Person.Email), tomorrow));
        var later = await fixture.CreateAsync(WithExpiry(Testing.Accounts.Per(), tomorrow.AddDays(2)));

        var disabled = await ExpiryOnTomorrow().ExpireDueAsync(CancellationToken.None);

        Assert.True(disabled >= 2, $"at least the two accounts expiring tomorrow, got {disabled}");
        Assert.Equal(Account.Types.State.Disabled, (await GetAsync(person.Email)).State);
        Assert.Equal(Account.Types.State.Disabled, (await GetAsync(box.Email)).State);
        Assert.Equal(Account.Types.State.PreRegistered, (await GetAsync(later.Email)).State);
        Assert.Equal(["PRE_REGISTERED", "ACTIVE"], await StateChangesAsync([person.Email, box.Email]));

        // Re-activated by an administrator, each goes back to the state it had.
        var enabled = await fixture.Accounts.EnableAccountAsync(new AccountActionRequest { Email = box.Email });
        Assert.Equal(Account.Types.State.Active, enabled.State);
    }

    private static Account WithExpiry(Account account, DateOnly date)
    {
        account.ExpiresOn = date.ToString("yyyy-MM-dd");
        return account;
    }

    private Task<Account> GetAsync(string email) => fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }).ResponseAsync;

    private static AccountExpiry ExpiryOnTomorrow()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<IdentityDbContext>(o => o.UseNpgsql(TestEnvironment.DatabaseConnection(Database)).UseSnakeCaseNamingConvention().UseOpenIddict())
            .BuildServiceProvider();
        return ActivatorUtilities.CreateInstance<AccountExpiry>(services,
            new ConfigurationBuilder().Build(), new ShiftedClock(TimeSpan.FromDays(1)));
    }

    /// <summary>The previous state carried by each account's AccountStateChanged staged by the expiry job, in the given order.</summary>
    private static async Task<List<string>> StateChangesAsync(string[] emails)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(Database));
        await connection.OpenAsync();
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

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
