using System.Net;
using Medimail.Identity.Internal.V1;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Enrolment;

/// <summary>
/// The internal call Notification's relaunch makes (Identity-Registry's gRPC port, not the gateway, with Notification's
/// service identity): every pre-registered account of the structure gets a fresh link, and the links sent before die.
/// Who else may call it: Hardening/InternalEndpointTests.
/// </summary>
public sealed class RelaunchLinkTests
{
    [Fact]
    public async Task A_relaunch_reaches_only_the_pre_registered_accounts_and_kills_their_older_links()
    {
        var (invited, structureId) = await Platform.PreRegisteredPersonAsync();
        var oldLink = await SentMail.EnrolmentLinkForAsync(invited, Platform.MailTimeout);
        var token = await Tokens.OperatorAsync();
        using var channel = Channels.Create(TestEnvironment.IdentityGrpcUrl, token);
        var accounts = new AccountService.AccountServiceClient(channel);
        var notInvited = (await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structureId, Account = Testing.Accounts.Per() })).Email;
        var disabled = (await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structureId, Account = Testing.Accounts.Per() })).Email;
        await accounts.DisableAccountAsync(new AccountActionRequest { Email = disabled });

        using var service = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.ServiceAsync("notification"));
        var links = new EnrolmentLinkService.EnrolmentLinkServiceClient(service);
        var request = new IssueRelaunchLinksRequest
        {
            StructureId = structureId, RelaunchId = Guid.NewGuid().ToString(), RequestedBy = "admin@clinique-sapins.fr", RequestedByRole = "structure_admin",
        };
        var relaunch = await links.IssueRelaunchLinksAsync(request);
        // A retry of the same relaunch answers the same recipients.
        var retried = await links.IssueRelaunchLinksAsync(request);

        Assert.Equal(new[] { invited, notInvited }.Order(StringComparer.Ordinal), relaunch.Recipients.Order(StringComparer.Ordinal));
        Assert.StartsWith("Clinique des Sapins", relaunch.StructureName);
        Assert.Equal(relaunch.Recipients.Order(StringComparer.Ordinal), retried.Recipients.Order(StringComparer.Ordinal));
        using var person = Platform.Anonymous();
        await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{SentMail.TokenOf(oldLink)}"), HttpStatusCode.NotFound);

        // The relaunch mail carries the live link (Notification consumes the batch event).
        var fresh = await SentMail.EnrolmentLinkForAsync(invited, Platform.MailTimeout, minimumMails: 2);
        await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{SentMail.TokenOf(fresh)}"), HttpStatusCode.OK);
        var first = await SentMail.EnrolmentLinkForAsync(notInvited, Platform.MailTimeout);
        await Platform.ReadAsync(await person.GetAsync($"/api/v1/enrolments/{SentMail.TokenOf(first)}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_relaunch_replaces_the_links_of_the_first_in_bulk_one_live_link_per_account()
    {
        var (first, structureId) = await Platform.PreRegisteredPersonAsync(sendInvitation: false);
        var token = await Tokens.OperatorAsync();
        using var channel = Channels.Create(TestEnvironment.IdentityGrpcUrl, token);
        var accounts = new AccountService.AccountServiceClient(channel);
        var second = (await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structureId, Account = Testing.Accounts.Per() })).Email;
        using var service = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.ServiceAsync("notification"));
        var links = new EnrolmentLinkService.EnrolmentLinkServiceClient(service);
        var (earlier, later) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        await links.IssueRelaunchLinksAsync(new IssueRelaunchLinksRequest { StructureId = structureId, RelaunchId = earlier, RequestedBy = "admin", RequestedByRole = "operator" });
        var afterEarlier = await LinksOfAsync(first, second);
        await links.IssueRelaunchLinksAsync(new IssueRelaunchLinksRequest { StructureId = structureId, RelaunchId = later, RequestedBy = "admin", RequestedByRole = "operator" });
        var afterLater = await LinksOfAsync(first, second);

        Assert.Equal(new[] { (first, earlier), (second, earlier) }.Order(), afterEarlier.Select(l => (l.Email, l.RelaunchId)).Order());
        Assert.Equal(new[] { (first, later), (second, later) }.Order(), afterLater.Select(l => (l.Email, l.RelaunchId)).Order());
        Assert.Empty(afterLater.Select(l => l.TokenHash).Intersect(afterEarlier.Select(l => l.TokenHash)));
    }

    /// <summary>Every link row of these accounts in Identity-Registry's own database.</summary>
    internal static async Task<List<(string Email, string RelaunchId, string TokenHash)>> LinksOfAsync(params string[] emails)
    {
        await using var db = new Npgsql.NpgsqlConnection(TestEnvironment.DatabaseConnection(Platform.IdentityDatabase));
        await db.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT email, relaunch_id, token_hash FROM enrolment_links WHERE email = ANY(@emails)", db);
        query.Parameters.AddWithValue("emails", emails);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }
}
