using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>The session's end and the token's edges, over real HTTP through the gateway: logout, revocation, userinfo.</summary>
public sealed class SessionEndpointTests
{
    private static string Gateway => TestEnvironment.GatewayUrl;

    [Fact]
    public async Task Logout_ends_the_session_and_the_next_authorization_asks_for_the_password_again()
    {
        var person = await ActivePeople.CreateAsync();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();
        Assert.NotNull((await flow.SubmitPasswordAsync(person.Email, person.Password)).Code);
        // The positive signal first: while the session lives, a new authorization gets a code without any form.
        Assert.NotNull((await flow.StartAsync()).Code);

        var loggedOut = await flow.GetAsync("/connect/logout");
        var next = await flow.StartAsync();

        Assert.Equal(HttpStatusCode.OK, loggedOut.StatusCode);
        Assert.Contains("déconnecté", loggedOut.Body);
        Assert.Null(next.Code);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("name=\"password\"", next.Body);
    }

    [Fact]
    public async Task An_identity_token_is_not_stored_and_still_ends_the_session_as_a_hint()
    {
        var person = await ActivePeople.CreateAsync();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();
        var tokens = await flow.ExchangeAsync((await flow.SubmitPasswordAsync(person.Email, person.Password)).Code!);

        var types = (string?)await IdentityDatabase.ValueAsync(
            "SELECT string_agg(type, ' ' ORDER BY type) FROM \"OpenIddictTokens\" WHERE subject = @value", person.Email);
        var loggedOut = await flow.GetAsync("/connect/logout?id_token_hint=" + Uri.EscapeDataString(tokens.IdToken!));

        // The code, the access token and the refresh token keep their rows (redemption, rotation, revocation read them).
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token urn:ietf:params:oauth:token-type:refresh_token " +
            "urn:openiddict:params:oauth:token-type:authorization_code", types);
        Assert.Equal(HttpStatusCode.OK, loggedOut.StatusCode);
        Assert.Contains("déconnecté", loggedOut.Body);
    }

    [Fact]
    public async Task A_revoked_refresh_token_no_longer_refreshes()
    {
        var (_, tokens) = await ActivePeople.SignedInAsync();
        // A refresh token that works: the one a first refresh returns.
        using var first = await PersonSignIn.RefreshAsync(Gateway, tokens.RefreshToken!);
        var working = (await PersonSignIn.ReadTokensAsync(first)).RefreshToken!;

        using var http = new HttpClient { BaseAddress = new Uri(Gateway) };
        using var revoked = await http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = working, ["token_type_hint"] = "refresh_token", ["client_id"] = PersonSignIn.Cli,
        }));
        using var refused = await PersonSignIn.RefreshAsync(Gateway, working);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("invalid_grant", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Userinfo_returns_the_claims_of_the_signed_in_account()
    {
        var (person, tokens) = await ActivePeople.SignedInAsync(Account.Types.Type.Med);
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var account = await new AccountService.AccountServiceClient(channel).GetAccountAsync(new GetAccountRequest { Email = person.Email });

        using var http = new HttpClient { BaseAddress = new Uri(Gateway) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        var claims = JsonDocument.Parse(body).RootElement;
        Assert.Equal(
            (person.Email, person.Email, account.FirstName, account.LastName, $"{account.FirstName} {account.LastName}", "MED"),
            (claims.GetProperty("sub").GetString(), claims.GetProperty("email").GetString(), claims.GetProperty("given_name").GetString(),
             claims.GetProperty("family_name").GetString(), claims.GetProperty("name").GetString(), claims.GetProperty("mailbox_type").GetString()));
    }

    [Fact]
    public async Task Userinfo_refuses_a_request_without_a_token()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Gateway) };

        using var response = await http.GetAsync("/connect/userinfo");

        // RFC 6750 3.1: a request with no credentials gets the challenge without an error code.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Userinfo_refuses_a_valid_token_of_an_account_disabled_since()
    {
        var (person, tokens) = await ActivePeople.SignedInAsync();
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        using var http = new HttpClient { BaseAddress = new Uri(Gateway) };
        HttpRequestMessage UserInfo() => new(HttpMethod.Get, "/connect/userinfo")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken) },
        };
        // The positive signal first: the same token reads the claims while the account is active.
        using (var before = await http.SendAsync(UserInfo()))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await new AccountService.AccountServiceClient(channel).DisableAccountAsync(new AccountActionRequest { Email = person.Email });
        using var after = await http.SendAsync(UserInfo());

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("invalid_token", Assert.Single(after.Headers.WwwAuthenticate).Parameter);
        Assert.DoesNotContain(person.Email, await after.Content.ReadAsStringAsync());
    }
}
