using Grpc.Core;
using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary><c>GET /api/v1/me</c> and the directories' MED rule, with real person tokens from the sign-in flow.</summary>
public sealed class MeAndDirectoryTests
{
    [Fact]
    public async Task A_signed_in_person_reads_its_account_and_roles_at_api_v1_me()
    {
        var (person, tokens) = await ActivePeople.SignedInAsync();
        using var rest = Channels.Rest(tokens.AccessToken);

        using var response = await rest.GetAsync("/api/v1/me");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        var me = Google.Protobuf.JsonParser.Default.Parse<Me>(body);
        Assert.Equal(person.Email, me.Account.Email);
        Assert.Equal(Account.Types.State.Active, me.Account.State);
        Assert.Equal(["person"], me.Roles);
        Assert.Empty(me.AdministeredStructures);
    }

    [Fact]
    public async Task An_operator_token_is_refused_at_api_v1_me()
    {
        using var rest = Channels.Rest(await Tokens.OperatorAsync());

        using var response = await rest.GetAsync("/api/v1/me");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_MED_person_is_refused_the_national_directory_and_searches_the_regional_one()
    {
        var (_, tokens) = await ActivePeople.SignedInAsync(Account.Types.Type.Med);
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, tokens.AccessToken);
        var directory = new DirectoryService.DirectoryServiceClient(channel);

        var national = await Rpc.StatusOf(() => directory.SearchAsync(new SearchRequest { Directory = "national", Query = "dupont" }).ResponseAsync);
        var regional = await Rpc.StatusOf(() => directory.SearchAsync(new SearchRequest { Directory = "regional", Query = "dupont" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, national);
        Assert.Equal(StatusCode.OK, regional);
    }

    [Fact]
    public async Task A_PER_person_searches_the_national_directory()
    {
        var (_, tokens) = await ActivePeople.SignedInAsync(Account.Types.Type.Per);
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, tokens.AccessToken);

        var national = await Rpc.StatusOf(() => new DirectoryService.DirectoryServiceClient(channel)
            .SearchAsync(new SearchRequest { Directory = "national", Query = "dupont" }).ResponseAsync);

        Assert.Equal(StatusCode.OK, national);
    }
}
