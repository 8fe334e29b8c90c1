using System.Net;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>
/// ValidateAccount end to end: the service centre accepts an account waiting in PENDING_VALIDATION, over REST through
/// the gateway; the account becomes ACTIVE in Identity-Registry and in the Directory's projection (its event). A
/// self-registration is what leaves an account PENDING_VALIDATION; the test puts one there in the database.
/// </summary>
public sealed class ValidateAccountTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static readonly string Database = Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DB") ?? "identity";

    [Fact]
    public async Task The_operator_validates_a_pending_account_which_becomes_active_everywhere_once()
    {
        var account = await PendingAccountAsync();
        using var rest = Channels.Rest(await Tokens.OperatorAsync());

        using var response = await rest.PostAsync($"/api/v1/accounts/{Uri.EscapeDataString(account.Email)}:validate",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        Assert.Equal("ACTIVE", System.Text.Json.Nodes.JsonNode.Parse(body)!["state"]!.GetValue<string>());
        var read = await fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = account.Email });
        Assert.Equal(Account.Types.State.Active, read.State);
        Assert.NotEqual(account.Etag, read.Etag);
        // The Directory hears it (AccountStateChanged through the outbox and RabbitMQ).
        await Eventually.GetAsync(() => DirectoryStateAsync(account.Email), state => state == "ACTIVE",
            TimeSpan.FromSeconds(30), $"the directory entry of {account.Email} ACTIVE");

        // Once active, there is nothing left to validate.
        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Accounts.ValidateAccountAsync(new AccountActionRequest { Email = account.Email }));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task Only_the_operator_validates_and_a_refusal_changes_nothing()
    {
        var account = await PendingAccountAsync();
        var connector = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = fixture.Structure.Id, Name = "Logiciel" });
        var accounts = new AccountService.AccountServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl,
            await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret)));

        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await accounts.ValidateAccountAsync(new AccountActionRequest { Email = account.Email }));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(Account.Types.State.PendingValidation,
            (await fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = account.Email })).State);
    }

    [Fact]
    public async Task A_pre_registered_account_cannot_be_validated()
    {
        var account = await fixture.CreateAsync(Testing.Accounts.Per());

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Accounts.ValidateAccountAsync(new AccountActionRequest { Email = account.Email }));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(Account.Types.State.PreRegistered,
            (await fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = account.Email })).State);
    }

    /// <summary>A PER account created by the operator, then left waiting for validation as a self-registration leaves it.</summary>
    private async Task<Account> PendingAccountAsync()
    {
        var created = await fixture.CreateAsync(Testing.Accounts.Per());
        await using (var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(Database)))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand(
                "UPDATE accounts SET state = 'PENDING_VALIDATION', version = version + 1 WHERE email = @email", connection);
            update.Parameters.AddWithValue("email", created.Email);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        var pending = await fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = created.Email });
        Assert.Equal(Account.Types.State.PendingValidation, pending.State);
        return pending;
    }

    private static async Task<string?> DirectoryStateAsync(string email)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("directory"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT state FROM directory_entries WHERE email = @email", connection);
        query.Parameters.AddWithValue("email", email);
        return await query.ExecuteScalarAsync() as string;
    }
}
