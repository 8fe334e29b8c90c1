using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Medimail.Testing;

/// <summary>A person's tokens, as the token endpoint returned them.</summary>
public sealed record PersonTokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

/// <summary>
/// Signs a person in through the real flow over HTTP, as a browser and a native app (RFC 8252) would: the
/// authorization request with PKCE S256 (<c>/connect/authorize</c>), the redirect to the HTML form
/// (<c>/connect/signin</c>), the form posted with its antiforgery token, the code read from the redirect to the
/// loopback address, then <c>/connect/token</c> with the verifier. Nothing listens on the loopback address: the code
/// is read from the <c>Location</c> header, as the browser would have followed it.
/// </summary>
public static partial class PersonSignIn
{
    public const string Cli = "medimail-cli";
    public const string Webmail = "medimail-webmail";
    public const string Admin = "medimail-admin";
    public const string PeopleScopes = "openid api offline_access";

    /// <summary>The whole flow; throws with what the server said when the person could not sign in.</summary>
    public static async Task<PersonTokens> SignInAsync(string gatewayUrl, string email, string password, string clientId = Cli)
    {
        using var flow = new SignInFlow(gatewayUrl, clientId);
        var page = await flow.StartAsync();
        if (page.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The sign-in page answered {(int)page.StatusCode}: {page.Body}");
        var submitted = await flow.SubmitPasswordAsync(email, password);
        if (submitted.Code is null)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)submitted.StatusCode} {Text(submitted.Body)}");
        return await flow.ExchangeAsync(submitted.Code);
    }

    /// <summary>The refresh grant; the response as it came (a reused refresh token gets 400 invalid_grant).</summary>
    public static async Task<HttpResponseMessage> RefreshAsync(string gatewayUrl, string refreshToken, string clientId = Cli)
    {
        using var http = new HttpClient { BaseAddress = new Uri(gatewayUrl) };
        return await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        }));
    }

    public static async Task<PersonTokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token request failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new PersonTokens(root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            root.TryGetProperty("id_token", out var i) ? i.GetString() : null,
            root.GetProperty("expires_in").GetInt32());
    }

    /// <summary>The visible text of a page, for failure messages.</summary>
    public static string Text(string html) => Tags().Replace(html, " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}

/// <summary>One sign-in, step by step, with its own cookies (one browser), for tests that look at each answer.</summary>
public sealed partial class SignInFlow : IDisposable
{
    private readonly HttpClient http;
    private readonly string clientId;
    private readonly string verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
    private readonly string state = Base64Url(RandomNumberGenerator.GetBytes(16));
    private string? formAction;
    private Dictionary<string, string> hidden = [];

    public SignInFlow(string gatewayUrl, string clientId = PersonSignIn.Cli, string? redirectUri = null)
    {
        this.clientId = clientId;
        RedirectUri = redirectUri ?? (clientId == PersonSignIn.Cli
            ? $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/callback"
            : $"{gatewayUrl.TrimEnd('/')}/{(clientId == PersonSignIn.Admin ? "admin" : "webmail")}/signin-callback");
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri(gatewayUrl),
        };
    }

    public string RedirectUri { get; }

    public string AuthorizeUrl(string scopes = PersonSignIn.PeopleScopes, string? prompt = null)
    {
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = scopes,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        };
        if (prompt is not null) query["prompt"] = prompt;
        return "/connect/authorize?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Opens the authorization request and follows redirects to the sign-in page (or straight to a code).</summary>
    public Task<Step> StartAsync(string scopes = PersonSignIn.PeopleScopes, string? prompt = null) =>
        FollowAsync(new HttpRequestMessage(HttpMethod.Get, AuthorizeUrl(scopes, prompt)));

    /// <summary>A GET in this browser (its cookies), following redirects within the gateway: <c>/connect/logout</c>.</summary>
    public Task<Step> GetAsync(string path) => FollowAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<Step> SubmitPasswordAsync(string email, string password) =>
        PostFormAsync(new Dictionary<string, string> { ["email"] = email, ["password"] = password });

    public Task<Step> SubmitCodeAsync(string code) => PostFormAsync(new Dictionary<string, string> { ["totp"] = code });

    /// <summary>Posts the last form shown, with its hidden fields (antiforgery token, return address, pending step).</summary>
    public Task<Step> PostFormAsync(Dictionary<string, string> fields)
    {
        if (formAction is null)
            throw new InvalidOperationException("No form was shown.");
        var all = new Dictionary<string, string>(hidden);
        foreach (var (k, v) in fields) all[k] = v;
        return FollowAsync(new HttpRequestMessage(HttpMethod.Post, formAction) { Content = new FormUrlEncodedContent(all) });
    }

    public async Task<PersonTokens> ExchangeAsync(string code)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
        }));
        return await PersonSignIn.ReadTokensAsync(response);
    }

    /// <summary>Follows redirects within the gateway; stops at a page, or at the client's redirect URI (the code).</summary>
    private async Task<Step> FollowAsync(HttpRequestMessage request)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var location = response.Headers.Location;
            if ((int)response.StatusCode is >= 300 and < 400 && location is not null)
            {
                var target = location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
                if (target.ToString().StartsWith(RedirectUri, StringComparison.Ordinal))
                {
                    var query = System.Web.HttpUtility.ParseQueryString(target.Query);
                    if (query["state"] is { } returned && returned != state)
                        throw new InvalidOperationException("The state came back altered.");
                    return new Step(response.StatusCode, body, query["code"], query["error"], response.Headers.RetryAfter?.Delta, target);
                }
                request = new HttpRequestMessage(HttpMethod.Get, target);
                continue;
            }
            ReadForm(body);
            return new Step(response.StatusCode, body, null, null, response.Headers.RetryAfter?.Delta, null);
        }
        throw new InvalidOperationException("Too many redirects.");
    }

    private void ReadForm(string html)
    {
        var form = FormTag().Match(html);
        if (!form.Success) return;
        formAction = WebUtility.HtmlDecode(form.Groups[1].Value);
        hidden = HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    public void Dispose() => http.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormTag();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    /// <summary>One answer: a page (status, HTML) or the redirect to the client carrying a code or an error.</summary>
    public sealed record Step(HttpStatusCode StatusCode, string Body, string? Code, string? Error, TimeSpan? RetryAfter, Uri? Redirect);
}
