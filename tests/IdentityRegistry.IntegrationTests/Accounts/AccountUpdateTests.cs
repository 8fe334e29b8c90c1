using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.Mailbox.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>UpdateAccount through the gateway: etags, the create's rules, MSSanté uniqueness, and the Directory and Mailbox following.</summary>
public sealed class AccountUpdateTests(IdentityFixture platform) : IClassFixture<IdentityFixture>
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_stale_etag_gets_412_over_rest_and_changes_nothing()
    {
        var account = await platform.CreateAsync(Testing.Accounts.Per());
        using var http = Channels.Rest(await Tokens.OperatorAsync());

        using var stale = await PatchAsync(http, account.Email, "lastName", new JsonObject { ["etag"] = "W/\"999\"", ["lastName"] = "NOUVEAU" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var missing = await PatchAsync(http, account.Email, "lastName", new JsonObject { ["lastName"] = "NOUVEAU" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, missing.StatusCode);

        var after = await GetAsync(account.Email);
        Assert.Equal(account.LastName, after.LastName);
        Assert.Equal(account.Etag, after.Etag);
    }

    [Fact]
    public async Task A_current_etag_changes_only_the_masked_fields_and_moves_the_etag()
    {
        var account = await platform.CreateAsync(Testing.Accounts.Per());
        using var http = Channels.Rest(await Tokens.OperatorAsync());

        using var response = await PatchAsync(http, account.Email, "lastName",
            new JsonObject { ["etag"] = account.Etag, ["lastName"] = "Durand", ["firstName"] = "Ignoré" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);

        var after = await GetAsync(account.Email);
        Assert.Equal("DURAND", after.LastName);
        Assert.Equal(account.FirstName, after.FirstName);
        Assert.NotEqual(account.Etag, after.Etag);
    }

    [Fact]
    public async Task Email_or_type_in_the_mask_is_refused_on_that_field()
    {
        var account = await platform.CreateAsync(Testing.Accounts.Per());
        var emailChange = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(account, "email", a => a.Email = Unique.Email("autre")));
        Assert.Equal(StatusCode.InvalidArgument, emailChange.StatusCode);
        Assert.Contains("account.email", RpcErrors.FieldsOf(emailChange));
        var typeChange = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(account, "type", a => a.Type = Account.Types.Type.Med));
        Assert.Contains("account.type", RpcErrors.FieldsOf(typeChange));
    }

    [Fact]
    public async Task An_update_breaking_a_rule_gets_the_create_field_violation_and_changes_nothing()
    {
        var person = await platform.CreateAsync(Testing.Accounts.Per());
        var badRpps = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(person, "rpps", a => a.Rpps = "1012345 6781"));
        Assert.Equal(StatusCode.InvalidArgument, badRpps.StatusCode);
        Assert.Equal(["account.rpps"], RpcErrors.FieldsOf(badRpps));

        var box = await platform.CreateAsync(Testing.Accounts.Org(platform.Person.Email));
        var noConnection = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(box, "connectionAccounts", a => a.ConnectionAccounts.Clear()));
        Assert.Contains("account.connectionAccounts", RpcErrors.FieldsOf(noConnection));
        var itself = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(box, "connectionAccounts", a => a.ConnectionAccounts.Add(box.Email)));
        Assert.Contains("account.connectionAccounts[1]", RpcErrors.FieldsOf(itself));

        Assert.Equal([platform.Person.Email], (await GetAsync(box.Email)).ConnectionAccounts);
    }

    [Fact]
    public async Task Adding_then_removing_a_connection_account_gives_then_takes_access_to_the_org_box_in_the_mailbox()
    {
        var box = await platform.CreateAsync(Testing.Accounts.Org(platform.Person.Email));
        var colleague = await platform.CreateAsync(Testing.Accounts.Med());
        var mailboxes = new MailboxService.MailboxServiceClient(platform.Channel);

        var added = await UpdateAsync(box, "connectionAccounts", a => a.ConnectionAccounts.Add(colleague.Email));
        Assert.Equal([platform.Person.Email, colleague.Email], added.ConnectionAccounts);
        await Eventually.GetAsync(() => mailboxes.GetMailboxAsync(new GetMailboxRequest { Address = box.Email }).ResponseAsync,
            m => m.ConnectionAccounts.Contains(colleague.Email), Seconds, "the Mailbox lets the added connection account in");

        await UpdateAsync(added, "connectionAccounts", a => a.ConnectionAccounts.Remove(colleague.Email));
        await Eventually.GetAsync(() => mailboxes.GetMailboxAsync(new GetMailboxRequest { Address = box.Email }).ResponseAsync,
            m => !m.ConnectionAccounts.Contains(colleague.Email) && m.ConnectionAccounts.Contains(platform.Person.Email), Seconds,
            "the Mailbox shuts the removed connection account out");
    }

    [Fact]
    public async Task An_mssante_particle_taken_by_another_box_is_already_exists_on_the_particle()
    {
        var first = await platform.CreateAsync(Testing.Accounts.Org(platform.Person.Email));
        var second = await platform.CreateAsync(Testing.Accounts.Org(platform.Person.Email));

        var taken = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(second, "mssanteParticle", a => a.MssanteParticle = first.MssanteParticle));
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal(["account.mssanteParticle"], RpcErrors.FieldsOf(taken));

        var fresh = "secretariat." + Unique.Suffix();
        var moved = await UpdateAsync(second, "mssanteParticle", a => a.MssanteParticle = fresh);
        Assert.Equal($"{fresh}@{platform.Structure.MssanteDomain}", moved.MssanteAddress);
    }

    [Fact]
    public async Task The_directory_shows_a_changed_name_within_seconds()
    {
        var box = await platform.CreateAsync(Testing.Accounts.Org(platform.Person.Email));
        var directory = new DirectoryService.DirectoryServiceClient(platform.Channel);
        await Eventually.GetAsync(() => directory.GetEntryAsync(new GetEntryRequest { Directory = "regional", Email = box.Email }).ResponseAsync,
            e => e.LastName == box.LastName, Seconds, "the box is in the regional directory");

        await UpdateAsync(box, "lastName", a => a.LastName = "Accueil");

        await Eventually.GetAsync(() => directory.GetEntryAsync(new GetEntryRequest { Directory = "regional", Email = box.Email }).ResponseAsync,
            e => e.LastName == "ACCUEIL", Seconds, "the regional directory shows the new name");
    }

    [Fact]
    public async Task Search_filters_on_expires_before()
    {
        var soon = Testing.Accounts.Per();
        soon.ExpiresOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd");
        var later = Testing.Accounts.Per();
        later.ExpiresOn = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd");
        var never = Testing.Accounts.Per();
        foreach (var account in new[] { soon, later, never })
            await platform.CreateAsync(account);

        var found = await platform.Accounts.SearchAccountsAsync(new SearchAccountsRequest
        {
            StructureId = platform.Structure.Id,
            ExpiresBefore = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"),
            PageSize = 500,
        });
        var emails = found.Accounts.Select(a => a.Email).ToList();
        Assert.Contains(soon.Email, emails);
        Assert.DoesNotContain(later.Email, emails);
        Assert.DoesNotContain(never.Email, emails);
    }

    private async Task<Account> UpdateAsync(Account current, string mask, Action<Account> change)
    {
        var edited = current.Clone();
        change(edited);
        return await platform.Accounts.UpdateAccountAsync(new UpdateAccountRequest
        {
            Account = edited,
            UpdateMask = new FieldMask { Paths = { mask } },
        });
    }

    private Task<Account> GetAsync(string email) => platform.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }).ResponseAsync;

    private static Task<HttpResponseMessage> PatchAsync(HttpClient http, string email, string mask, JsonObject body) =>
        http.PatchAsync($"/api/v1/accounts/{Uri.EscapeDataString(email)}?updateMask={mask}", JsonContent.Create(body));
}
