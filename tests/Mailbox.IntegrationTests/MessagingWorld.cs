using Google.Rpc;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Mailbox.V1;
using System.Net.Http.Json;
using Npgsql;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>
/// One structure made for a test through the real Identity-Registry: a connector (client id and secret), a person, an
/// ORG box the person reaches, and an APP box whose replies go to the ORG box; each waited for in Mailbox's projection.
/// </summary>
public sealed record MessagingWorld(
    string StructureId, string ClientId, string ClientSecret, string ConnectorToken,
    string Person, string OrgBox, string AppBox, string OrgMssante)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    public static async Task<MessagingWorld> CreateAsync(params string[] extraConnectionAccounts)
    {
        var operatorToken = await Tokens.OperatorAsync();
        var identity = Channels.Create(TestEnvironment.IdentityGrpcUrl, operatorToken);
        var structures = new StructureService.StructureServiceClient(identity);
        var accounts = new AccountService.AccountServiceClient(identity);
        var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
        var connector = await structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structure.Id, Name = "RIS de test" });

        var person = await CreateAsync(accounts, structure.Id, Accounts.Per());
        foreach (var extra in extraConnectionAccounts)
            await CreateAsync(accounts, structure.Id, Accounts.Per(extra));
        var orgRequest = Accounts.Org(person.Email);
        orgRequest.ConnectionAccounts.Add(extraConnectionAccounts);
        var org = await CreateAsync(accounts, structure.Id, orgRequest);
        var app = await CreateAsync(accounts, structure.Id, Accounts.App(person.Email, org.Email));

        await WaitForBoxAsync(app.Email, b => b.State == "ACTIVE");
        var orgBox = await WaitForBoxAsync(org.Email, b => b.State == "ACTIVE" && b.ConnectionAccounts.Count == 1 + extraConnectionAccounts.Length);
        var token = await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret);
        return new MessagingWorld(structure.Id, connector.ClientId, connector.ClientSecret, token,
            person.Email, org.Email, app.Email, orgBox.MssanteAddress);
    }

    public const string PersonPassword = "Tr0mbone-Ciel-Vert-42";

    /// <summary>
    /// A PER account of the structure that completed enrolment through its real link (mail at the SMTP sink), so its box
    /// is ACTIVE and may receive; waited for in Mailbox's projection.
    /// </summary>
    public async Task<string> EnrolledPersonAsync()
    {
        var accounts = new AccountService.AccountServiceClient(Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync()));
        var person = await accounts.CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = StructureId, Account = Accounts.Per(), SendInvitation = true, RequestId = Guid.NewGuid().ToString(),
        });
        var token = SentMail.TokenOf(await SentMail.EnrolmentLinkForAsync(person.Email, Patience));
        using var anonymous = Channels.Rest(null);
        var enrolment = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/enrolments/{token}"))!;
        using var completed = await anonymous.PostAsJsonAsync($"/api/v1/enrolments/{token}:complete",
            new { password = PersonPassword, acceptedTermsVersion = enrolment["termsVersion"]!.GetValue<string>() });
        completed.EnsureSuccessStatusCode();
        await WaitForBoxAsync(person.Email, b => b.State == "ACTIVE");
        return person.Email;
    }

    public MessageService.MessageServiceClient ConnectorMessages(bool throughGateway = true) =>
        new(Channels.Create(throughGateway ? TestEnvironment.GatewayGrpcUrl : TestEnvironment.MailboxGrpcUrl, ConnectorToken));

    public static async Task<MessageService.MessageServiceClient> OperatorMessagesAsync() =>
        new(Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync()));

    public static async Task<V1.Mailbox> WaitForBoxAsync(string address, Func<V1.Mailbox, bool> done)
    {
        var boxes = new MailboxService.MailboxServiceClient(Channels.Create(TestEnvironment.MailboxGrpcUrl, await Tokens.OperatorAsync()));
        return await Eventually.GetAsync(
            async () => await boxes.GetMailboxAsync(new GetMailboxRequest { Address = address }, deadline: DateTime.UtcNow.AddSeconds(5)),
            done, Patience, $"mailbox {address} reaches the expected state");
    }

    /// <summary>A small but real PDF (its bytes start with the PDF signature).</summary>
    public static byte[] Pdf(int size = 2048)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>Rows of the Mailbox database, for what the API cannot show: what is (not) stored.</summary>
    public static async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("mailbox"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task<long> InboxCountAsync(string box, string messageId) =>
        await CountAsync("SELECT count(*) FROM mailbox_entries WHERE box_address = @box AND folder = 'INBOX' AND message_id = @id",
            ("box", box), ("id", Guid.Parse(messageId)));

    private static async Task<Account> CreateAsync(AccountService.AccountServiceClient accounts, string structureId, Account account) =>
        await accounts.CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = structureId, Account = account, RequestId = Guid.NewGuid().ToString(),
        });

    public static void AssertViolation(RpcException error, StatusCode status, string field, string? mentions = null)
    {
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(field, RpcErrors.FieldsOf(error));
        if (mentions is not null)
            Assert.Contains(mentions, error.Status.Detail + string.Join(" ", DescriptionsOf(error)));
    }

    private static IEnumerable<string> DescriptionsOf(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Select(v => v.Description) ?? [];
}
