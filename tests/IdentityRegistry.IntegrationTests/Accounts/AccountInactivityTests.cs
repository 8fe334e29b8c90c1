using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>
/// CNIL 2014-239 on the platform's own database: the inactivity job run directly, the accounts' last sign-ins set in the
/// past (the sign-in itself is the people feature's), the notice read at the SMTP sink, the acts in the audit.
/// </summary>
public sealed class AccountInactivityTests(IdentityFixture platform) : IClassFixture<IdentityFixture>
{
    private static readonly string Database = Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DB") ?? "identity";

    [Fact]
    public async Task One_notice_then_disabled_while_whoever_signed_in_meanwhile_and_boxes_of_active_people_are_left_alone()
    {
        var idle = await platform.CreateAsync(Testing.Accounts.Med());
        var returning = await platform.CreateAsync(Testing.Accounts.Med());
        var idleBox = await platform.CreateAsync(Testing.Accounts.Org(idle.Email));
        var liveBox = await platform.CreateAsync(Testing.Accounts.Org(platform.Person.Email));
        var elevenAndAHalfMonths = TimeSpan.FromDays(350);
        await ActiveAndLastSignedInAsync(idle.Email, DateTimeOffset.UtcNow - elevenAndAHalfMonths);
        await ActiveAndLastSignedInAsync(returning.Email, DateTimeOffset.UtcNow - elevenAndAHalfMonths);
        await ActiveAndLastSignedInAsync(platform.Person.Email, DateTimeOffset.UtcNow);

        await Job(TimeSpan.Zero).RunAsync(CancellationToken.None);
        await Job(TimeSpan.Zero).RunAsync(CancellationToken.None);

        var notice = Assert.Single(await SentMail.WaitForAsync(idle.Email, TimeSpan.FromSeconds(20)));
        Assert.Contains("désactivé", notice.Subject);
        Assert.Equal(1, await CountAsync(idle.Email, "InactivityNotice"));
        Assert.Equal(1, await CountAsync(returning.Email, "InactivityNotice"));
        // A shared box follows its connection account (idle), never its own absence of sign-in.
        Assert.Equal(1, await CountAsync(idleBox.Email, "InactivityNotice"));
        Assert.Equal(0, await CountAsync(liveBox.Email, "InactivityNotice"));

        // One of them signs in after the notice; a month later the other is disabled, the first untouched.
        await ActiveAndLastSignedInAsync(returning.Email, DateTimeOffset.UtcNow);
        await Job(TimeSpan.FromDays(32)).RunAsync(CancellationToken.None);

        Assert.Equal(Account.Types.State.Disabled, (await GetAsync(idle.Email)).State);
        Assert.Equal(Account.Types.State.Disabled, (await GetAsync(idleBox.Email)).State);
        Assert.Equal(Account.Types.State.Active, (await GetAsync(returning.Email)).State);
        Assert.Equal(Account.Types.State.Active, (await GetAsync(liveBox.Email)).State);
        Assert.Equal(1, await CountAsync(idle.Email, "InactivityDisable"));
        Assert.Equal(0, await CountAsync(returning.Email, "InactivityDisable"));
        Assert.Single(await SentMail.ToAsync(idle.Email));
    }

    private Task<Account> GetAsync(string email) => platform.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }).ResponseAsync;

    private async Task<int> CountAsync(string target, string action) =>
        (await platform.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Target = target, Action = action })).TotalSize;

    /// <summary>Set-up only: an enrolled person (ACTIVE) whose last sign-in was then; created a year and a half ago.</summary>
    private static async Task ActiveAndLastSignedInAsync(string email, DateTimeOffset lastSignIn)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(Database));
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand(
            "UPDATE accounts SET state = 'ACTIVE', last_sign_in_at = $2, created_at = now() - interval '540 days' WHERE email = $1", connection);
        update.Parameters.AddWithValue(email);
        update.Parameters.AddWithValue(lastSignIn);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private static AccountInactivity Job(TimeSpan shift)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<IdentityDbContext>(o => o.UseNpgsql(TestEnvironment.DatabaseConnection(Database)).UseSnakeCaseNamingConvention().UseOpenIddict())
            .BuildServiceProvider();
        return new AccountInactivity(services.GetRequiredService<IServiceScopeFactory>(), new InactivityOptions(), new ShiftedClock(shift),
            NullLogger<AccountInactivity>.Instance);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
