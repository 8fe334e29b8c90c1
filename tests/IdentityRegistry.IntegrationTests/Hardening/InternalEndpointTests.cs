using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Medimail.Identity.Internal.V1;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Hardening;

/// <summary>
/// Identity-Registry's internal endpoints, called straight on its own ports (past the gateway, as an attacker inside
/// the network would): only a platform process's service identity opens them; a connector's, the operator's or no
/// token is refused, and a refused relaunch writes no link (so no mail can follow).
/// </summary>
public sealed class InternalEndpointTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Theory]
    [InlineData("connector", StatusCode.PermissionDenied)]
    [InlineData("operator", StatusCode.PermissionDenied)]
    [InlineData("none", StatusCode.Unauthenticated)]
    public async Task Relaunch_links_are_refused_to_anything_but_a_service_identity_and_nothing_is_written(string caller, StatusCode expected)
    {
        var (invited, structureId) = await Platform.PreRegisteredPersonAsync(sendInvitation: false);
        var relaunchId = Guid.NewGuid().ToString();
        using var channel = Channels.Create(TestEnvironment.IdentityGrpcUrl, await TokenOfAsync(caller, structureId));

        var refused = await Assert.ThrowsAsync<RpcException>(() => new EnrolmentLinkService.EnrolmentLinkServiceClient(channel)
            .IssueRelaunchLinksAsync(Relaunch(structureId, relaunchId)).ResponseAsync);

        Assert.Equal(expected, refused.StatusCode);
        // The links and their mails' events commit in one transaction before any answer: none means no mail either.
        Assert.Empty(await Enrolment.RelaunchLinkTests.LinksOfAsync(invited));
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
    }

    [Fact]
    public async Task Relaunch_links_are_issued_to_a_service_identity()
    {
        var (invited, structureId) = await Platform.PreRegisteredPersonAsync(sendInvitation: false);
        var relaunchId = Guid.NewGuid().ToString();
        using var channel = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.ServiceAsync("notification"));

        var issued = await new EnrolmentLinkService.EnrolmentLinkServiceClient(channel).IssueRelaunchLinksAsync(Relaunch(structureId, relaunchId));

        Assert.Equal([invited], issued.Recipients);
        Assert.Equal([(invited, relaunchId)], (await Enrolment.RelaunchLinkTests.LinksOfAsync(invited)).Select(l => (l.Email, l.RelaunchId)));
    }

    [Fact]
    public async Task The_account_feed_is_refused_to_the_operator_and_streamed_to_a_service_identity()
    {
        using var asOperator = Channels.Create(TestEnvironment.IdentityGrpcUrl, fixture.Token);
        using var asService = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.ServiceAsync("directory"));
        var request = new StreamAccountsRequest { StructureId = fixture.Structure.Id };

        var refused = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(asOperator, request));
        var streamed = await ReadAllAsync(asService, request);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains(fixture.Person.Email, streamed.Select(a => a.Email));
    }

    [Theory]
    [InlineData("connector", HttpStatusCode.Forbidden)]
    [InlineData("operator", HttpStatusCode.Forbidden)]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    [InlineData("service", HttpStatusCode.OK)]
    public async Task The_revocation_list_answers_only_a_service_identity(string caller, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_HTTP_URL")!) };
        if (await TokenOfAsync(caller, fixture.Structure.Id) is { } token)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.GetAsync("/internal/revoked-clients");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
            Assert.StartsWith("[", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_connector_cannot_obtain_the_internal_scope()
    {
        var connector = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = fixture.Structure.Id, Name = "Logiciel " + Unique.Suffix() });

        using var operatorAsks = await Tokens.RequestAsync(TestEnvironment.OperatorClientId, TestEnvironment.OperatorSecret, "internal");
        using var connectorAsks = await Tokens.RequestAsync(connector.ClientId, connector.ClientSecret, "internal");

        Assert.Equal(HttpStatusCode.BadRequest, operatorAsks.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, connectorAsks.StatusCode);
    }

    private async Task<string?> TokenOfAsync(string caller, string structureId)
    {
        switch (caller)
        {
            case "connector":
                var connector = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structureId, Name = "Logiciel " + Unique.Suffix() });
                return await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret);
            case "operator":
                return fixture.Token;
            case "service":
                return await Tokens.ServiceAsync("mailbox");
            default:
                return null;
        }
    }

    private static IssueRelaunchLinksRequest Relaunch(string structureId, string relaunchId) => new()
    {
        StructureId = structureId, RelaunchId = relaunchId, RequestedBy = "attaquant@exemple.fr", RequestedByRole = "structure_admin",
    };

    private static async Task<List<Account>> ReadAllAsync(global::Grpc.Net.Client.GrpcChannel channel, StreamAccountsRequest request)
    {
        using var call = new AccountFeedService.AccountFeedServiceClient(channel).StreamAccounts(request);
        var accounts = new List<Account>();
        await foreach (var account in call.ResponseStream.ReadAllAsync())
            accounts.Add(account);
        return accounts;
    }
}
