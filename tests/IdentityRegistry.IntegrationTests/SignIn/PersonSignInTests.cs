using System.Net;
using System.Text.RegularExpressions;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>People sign in through the gateway with the authorization code flow and PKCE S256, over real HTTP.</summary>
public sealed partial class PersonSignInTests
{
    private static string Gateway => TestEnvironment.GatewayUrl;

    [Fact]
    public async Task A_PER_signs_in_and_its_five_minute_token_says_who_it_is()
    {
        var person = await ActivePeople.CreateAsync(Account.Types.Type.Per);

        var tokens = await PersonSignIn.SignInAsync(Gateway, person.Email, person.Password);

        Assert.Equal(["person"], Jwt.Values(tokens.AccessToken, "role"));
        Assert.Equal([person.Email], Jwt.Values(tokens.AccessToken, "email"));
        Assert.Equal(["PER"], Jwt.Values(tokens.AccessToken, "mailbox_type"));
        Assert.Empty(Jwt.Values(tokens.AccessToken, "structure_id"));
        Assert.Equal(["medimail-api"], Jwt.Values(tokens.AccessToken, "aud"));
        var payload = Jwt.Payload(tokens.AccessToken);
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
    }

    [Fact]
    public async Task A_signed_in_person_reads_its_own_mailboxes_with_its_token()
    {
        var (person, tokens) = await ActivePeople.SignedInAsync();
        using var rest = Channels.Rest(tokens.AccessToken);

        var body = await Eventually.GetAsync(async () =>
        {
            using var response = await rest.GetAsync("/api/v1/me/mailboxes");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }, r => r.StatusCode == HttpStatusCode.OK && r.Body.Contains(person.Email), TimeSpan.FromSeconds(30), "the person's own box is listed");
        Assert.Contains(person.Email, body.Body);
    }

    [Fact]
    public async Task A_successful_sign_in_stores_its_time_on_the_account()
    {
        var person = await ActivePeople.CreateAsync();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await PersonSignIn.SignInAsync(Gateway, person.Email, person.Password);

        var stored = (DateTime)(await IdentityDatabase.ValueAsync("SELECT last_sign_in_at FROM accounts WHERE email = @value", person.Email))!;
        Assert.True(stored >= before.UtcDateTime, $"last_sign_in_at {stored:O} is older than the sign-in");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_page_apart_from_the_antiforgery_token()
    {
        var person = await ActivePeople.CreateAsync();

        // One authorization request for both, so the pages carry the same return address.
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();
        var wrongPassword = await flow.SubmitPasswordAsync(person.Email, "Pas-le-bon-mot-de-passe-1");
        var unknownAddress = await flow.SubmitPasswordAsync(Unique.Email("personne"), person.Password);

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownAddress.StatusCode);
        Assert.Contains("incorrect", wrongPassword.Body);
        Assert.Equal(WithoutAntiforgery(wrongPassword.Body), WithoutAntiforgery(unknownAddress.Body));
    }

    [Fact]
    public async Task Repeated_failures_get_429_with_retry_after_then_the_right_password_works_once_the_delay_ends()
    {
        var person = await ActivePeople.CreateAsync();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();

        // Five failures are free; the sixth starts a delay.
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await flow.SubmitPasswordAsync(person.Email, $"Mauvais-mot-de-passe-{i}")).StatusCode);
        var refused = await flow.SubmitPasswordAsync(person.Email, person.Password);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.RetryAfter);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        await Task.Delay(refused.RetryAfter.Value + TimeSpan.FromMilliseconds(200));
        using var again = new SignInFlow(Gateway);
        await again.StartAsync();
        var accepted = await again.SubmitPasswordAsync(person.Email, person.Password);
        Assert.NotNull(accepted.Code);
        await again.ExchangeAsync(accepted.Code!);
    }

    [Fact]
    public async Task A_successful_sign_in_forgets_the_failures_counted_for_its_address()
    {
        var person = await ActivePeople.CreateAsync();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await flow.SubmitPasswordAsync(person.Email, $"Mauvais-mot-de-passe-{i}")).StatusCode);
        Assert.Equal(3, await AddressFailuresAsync(person.Email));

        var accepted = await flow.SubmitPasswordAsync(person.Email, person.Password);

        Assert.NotNull(accepted.Code);
        Assert.Null(await AddressFailuresAsync(person.Email));
    }

    /// <summary>The failures counted for an address (<c>sign_in_throttles</c>), null when none is.</summary>
    private static async Task<int?> AddressFailuresAsync(string email) =>
        (int?)await IdentityDatabase.ValueAsync("SELECT failures FROM sign_in_throttles WHERE key = @value", "address:" + email.ToLowerInvariant());

    [Fact]
    public async Task The_sign_in_page_comes_with_a_strict_content_security_policy_and_no_script()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Gateway) };
        using var flow = new SignInFlow(Gateway);

        // The authorization request redirects to the form.
        using var page = await http.GetAsync(flow.AuthorizeUrl());
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/connect/signin", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(page.Headers.TryGetValues("Content-Security-Policy", out var values), "no Content-Security-Policy header");
        var policy = string.Join(';', values!).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.Split(' ')[0].Length)..].Trim());
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["base-uri"]);
        Assert.StartsWith("'self'", policy["form-action"]);
        Assert.DoesNotContain("script-src", policy.Keys);
        Assert.DoesNotContain("unsafe-eval", string.Join(' ', policy.Values));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        var person = await ActivePeople.CreateAsync();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();

        var refused = await flow.PostFormAsync(new Dictionary<string, string>
        {
            ["email"] = person.Email,
            ["password"] = person.Password,
            ["__RequestVerificationToken"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Code);
        Assert.Contains("Formulaire expiré", refused.Body);
        Assert.True((bool)(await IdentityDatabase.ValueAsync("SELECT last_sign_in_at IS NULL FROM accounts WHERE email = @value", person.Email))!,
            "the account has a sign-in time");
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_pair_once_and_a_reused_one_fails()
    {
        var (_, tokens) = await ActivePeople.SignedInAsync();

        using var first = await PersonSignIn.RefreshAsync(Gateway, tokens.RefreshToken!);
        var renewed = await PersonSignIn.ReadTokensAsync(first);
        using var reused = await PersonSignIn.RefreshAsync(Gateway, tokens.RefreshToken!);

        Assert.NotEqual(tokens.RefreshToken, renewed.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("invalid_grant", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_ORG_box_never_signs_in_and_gets_the_generic_refusal()
    {
        var person = await ActivePeople.CreateAsync();
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var org = await new AccountService.AccountServiceClient(channel).CreateAccountAsync(
            new CreateAccountRequest { StructureId = person.StructureId, Account = Testing.Accounts.Org(person.Email) });
        Assert.Equal(Account.Types.State.Active, org.State);
        // A box has no password of its own: it gets the person's, so only the type rule is left to refuse it.
        await CopyPasswordAsync(person.Email, org.Email);

        var page = await FailedPageAsync(org.Email, person.Password);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Code);
        Assert.Contains("incorrect", page.Body);
    }

    [Fact]
    public async Task A_pre_registered_person_cannot_sign_in()
    {
        var enrolled = await ActivePeople.CreateAsync();
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Testing.Accounts.NewStructure());
        var account = await new AccountService.AccountServiceClient(channel).CreateAccountAsync(
            new CreateAccountRequest { StructureId = structure.Id, Account = Testing.Accounts.Med() });
        Assert.Equal(Account.Types.State.PreRegistered, account.State);
        // It has no password yet: give it an enrolled person's, so only the state rule is left to refuse it.
        await CopyPasswordAsync(enrolled.Email, account.Email);

        var page = await FailedPageAsync(account.Email, enrolled.Password);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Code);
    }

    [Fact]
    public async Task The_cli_client_receives_its_code_on_any_loopback_port_and_path()
    {
        var person = await ActivePeople.CreateAsync(Account.Types.Type.Med);
        using var flow = new SignInFlow(Gateway, PersonSignIn.Cli, $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/outil/retour");
        await flow.StartAsync();

        var step = await flow.SubmitPasswordAsync(person.Email, person.Password);
        var tokens = await flow.ExchangeAsync(step.Code!);

        Assert.Equal(["MED"], Jwt.Values(tokens.AccessToken, "mailbox_type"));
    }

    [Fact]
    public async Task A_redirect_uri_that_is_not_loopback_is_refused_before_any_form()
    {
        using var flow = new SignInFlow(Gateway, PersonSignIn.Cli, "http://evil.example/callback");

        var step = await flow.StartAsync();

        Assert.Equal(HttpStatusCode.BadRequest, step.StatusCode);
        Assert.DoesNotContain("password", step.Body);
    }

    [Fact]
    public async Task The_webmail_signs_in_on_its_registered_redirect_and_a_code_without_the_verifier_fails()
    {
        var person = await ActivePeople.CreateAsync(Account.Types.Type.Med);
        using var flow = new SignInFlow(Gateway, PersonSignIn.Webmail);
        await flow.StartAsync();
        var step = await flow.SubmitPasswordAsync(person.Email, person.Password);
        Assert.NotNull(step.Code);

        using var http = new HttpClient { BaseAddress = new Uri(Gateway) };
        using var withoutVerifier = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = step.Code!, ["redirect_uri"] = flow.RedirectUri,
            ["client_id"] = PersonSignIn.Webmail, ["code_verifier"] = "not-the-verifier-not-the-verifier-not-the-verifier",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, withoutVerifier.StatusCode);
    }

    [Fact]
    public async Task An_authorization_request_without_pkce_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Gateway) };
        using var response = await http.GetAsync(
            "/connect/authorize?client_id=medimail-cli&response_type=code&scope=openid%20api&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcb&state=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Stores the password hash of <paramref name="from"/> on <paramref name="to"/> (set-up only).</summary>
    private static async Task CopyPasswordAsync(string from, string to)
    {
        await using var db = new NpgsqlConnection(TestEnvironment.DatabaseConnection("identity"));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE accounts SET password_hash = (SELECT password_hash FROM accounts WHERE email = @from) WHERE email = @to", db);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<SignInFlow.Step> FailedPageAsync(string email, string password)
    {
        using var flow = new SignInFlow(Gateway);
        var page = await flow.StartAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await flow.SubmitPasswordAsync(email, password);
    }

    private static string WithoutAntiforgery(string html) => AntiforgeryValue().Replace(html, "value=\"…\"");

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" )value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();
}
