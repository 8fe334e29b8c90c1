using System.Net;
using Grpc.Core;
using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.Mailbox.V1;
using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>A connector's whole life, managed by its structure's admin signed in through the real flow.</summary>
public sealed class ConnectorLifeTests
{
    [Fact]
    public async Task Connectors_are_listed_without_secret_with_creation_and_last_use()
    {
        var (admin, tokens) = await StructureAdminTests.AdminOfNewStructureAsync();
        using var asAdmin = new GrpcChannelScope(tokens.AccessToken);
        var created = await asAdmin.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = admin.StructureId, Name = "Logiciel de radiologie" });
        Assert.NotEmpty(created.ClientSecret);

        var before = (await asAdmin.Structures.ListConnectorsAsync(new ListConnectorsRequest { StructureId = admin.StructureId })).Connectors.Single();
        await Tokens.ClientCredentialsAsync(created.ClientId, created.ClientSecret);
        var after = (await asAdmin.Structures.ListConnectorsAsync(new ListConnectorsRequest { StructureId = admin.StructureId })).Connectors.Single();

        Assert.Equal((created.ClientId, "Logiciel de radiologie", ""), (before.ClientId, before.Name, before.ClientSecret));
        Assert.NotNull(before.CreateTime);
        Assert.Null(before.LastUsedTime);
        Assert.NotNull(after.LastUsedTime);
        Assert.Equal("", after.ClientSecret);
        Assert.False(after.Revoked);
    }

    [Fact]
    public async Task A_rotated_secret_is_refused_at_once_and_the_new_one_works()
    {
        var (admin, tokens) = await StructureAdminTests.AdminOfNewStructureAsync();
        using var asAdmin = new GrpcChannelScope(tokens.AccessToken);
        var created = await asAdmin.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = admin.StructureId, Name = "Logiciel" });

        var rotated = await asAdmin.Structures.RotateConnectorSecretAsync(new ConnectorActionRequest { StructureId = admin.StructureId, ClientId = created.ClientId });
        using var old = await Tokens.RequestAsync(created.ClientId, created.ClientSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Contains("invalid_client", await old.Content.ReadAsStringAsync());
        Assert.NotEqual(created.ClientSecret, rotated.ClientSecret);
        Assert.NotEmpty(await Tokens.ClientCredentialsAsync(created.ClientId, rotated.ClientSecret));
    }

    [Fact]
    public async Task A_revoked_connector_gets_no_new_token_and_its_token_is_refused_by_every_service_within_60_seconds()
    {
        var (admin, tokens) = await StructureAdminTests.AdminOfNewStructureAsync();
        using var asAdmin = new GrpcChannelScope(tokens.AccessToken);
        var created = await asAdmin.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = admin.StructureId, Name = "Logiciel" });
        var token = await Tokens.ClientCredentialsAsync(created.ClientId, created.ClientSecret);
        var probes = Probes(token, admin.StructureId);
        // First the positive signal: every service and the gateway accept the token (whatever the connector may do there).
        foreach (var (name, probe) in probes)
            Assert.NotEqual(StatusCode.Unauthenticated, await probe());

        var revoked = await asAdmin.Structures.RevokeConnectorAsync(new ConnectorActionRequest { StructureId = admin.StructureId, ClientId = created.ClientId });
        using var again = await Tokens.RequestAsync(created.ClientId, created.ClientSecret);

        Assert.True(revoked.Revoked);
        Assert.False(again.IsSuccessStatusCode);
        foreach (var (name, probe) in probes)
            await Eventually.GetAsync(probe, status => status == StatusCode.Unauthenticated, TimeSpan.FromSeconds(60), $"{name} refuses the revoked connector's token");
        var listed = (await asAdmin.Structures.ListConnectorsAsync(new ListConnectorsRequest { StructureId = admin.StructureId })).Connectors.Single();
        Assert.True(listed.Revoked);
    }

    /// <summary>One call per service, straight to its own gRPC port (so the service's own check answers), and one through the gateway.</summary>
    private static List<(string Name, Func<Task<StatusCode>> Probe)> Probes(string token, string structureId) =>
    [
        ("gateway", () => Call(TestEnvironment.GatewayGrpcUrl, token, c => new AccountService.AccountServiceClient(c).SearchAccountsAsync(new SearchAccountsRequest { StructureId = structureId }).ResponseAsync)),
        ("identity", () => Call(TestEnvironment.IdentityGrpcUrl, token, c => new AccountService.AccountServiceClient(c).SearchAccountsAsync(new SearchAccountsRequest { StructureId = structureId }).ResponseAsync)),
        ("directory", () => Call(TestEnvironment.DirectoryGrpcUrl, token, c => new DirectoryService.DirectoryServiceClient(c).SearchAsync(new SearchRequest { Directory = "regional", Query = "dupont" }).ResponseAsync)),
        ("mailbox", () => Call(TestEnvironment.MailboxGrpcUrl, token, c => new MailboxService.MailboxServiceClient(c).ListMyMailboxesAsync(new ListMyMailboxesRequest()).ResponseAsync)),
        ("notification", () => Call(TestEnvironment.NotificationGrpcUrl, token, c => new RelaunchService.RelaunchServiceClient(c).ListRelaunchesAsync(new ListRelaunchesRequest { StructureId = structureId }).ResponseAsync)),
    ];

    private static async Task<StatusCode> Call(string address, string token, Func<global::Grpc.Net.Client.GrpcChannel, Task> call)
    {
        using var channel = Channels.Create(address, token);
        return await Rpc.StatusOf(() => call(channel));
    }
}
