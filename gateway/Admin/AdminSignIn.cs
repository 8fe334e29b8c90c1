using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Medimail.Gateway.Admin;

/// <summary>
/// The console's side of the authorization code flow with PKCE (public client <c>medimail-admin</c>): it starts the
/// flow with a fresh state and code verifier, kept sealed in a short-lived cookie scoped to the callback path, and
/// checks them when the code comes back. The verifier never reaches the browser in clear.
/// </summary>
internal sealed class AdminSignIn(IDataProtectionProvider protection, AdminSettings settings)
{
    public const string ClientId = "medimail-admin";
    public const string CallbackPath = "/admin/signin-callback";
    public const string Scopes = "openid api offline_access email profile";
    private const string FlowCookie = "medimail-admin-flux";
    private readonly IDataProtector protector = protection.CreateProtector("Medimail.Gateway.Admin.SignInFlow");

    public string RedirectUri => settings.PublicBaseUrl + CallbackPath;

    /// <summary>Remembers the flow in its cookie and answers the address of the authorization endpoint.</summary>
    public string Start(HttpContext http)
    {
        var state = Random();
        var verifier = Random();
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var sealedFlow = protector.Protect(JsonSerializer.Serialize(new Flow(state, verifier)));
        http.Response.Cookies.Append(FlowCookie, sealedFlow, new CookieOptions
        {
            HttpOnly = true, Path = CallbackPath, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(10), IsEssential = true,
        });
        return QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId, ["response_type"] = "code", ["redirect_uri"] = RedirectUri, ["scope"] = Scopes,
            ["state"] = state, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
    }

    /// <summary>The code verifier of the flow whose state came back, or null (no flow, another flow, tampered cookie).</summary>
    public string? Finish(HttpContext http, string? state)
    {
        var cookie = http.Request.Cookies[FlowCookie];
        http.Response.Cookies.Delete(FlowCookie, new CookieOptions { Path = CallbackPath });
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(state)) return null;
        try
        {
            var flow = JsonSerializer.Deserialize<Flow>(protector.Unprotect(cookie));
            return flow is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(flow.State), System.Text.Encoding.UTF8.GetBytes(state)) ? flow.Verifier : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Random() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private sealed record Flow(string State, string Verifier);
}

/// <summary>
/// The console's settings: the public origin people reach (<c>PublicBaseUrl</c>, the redirect URI's origin) and how
/// long a console session may last (<c>Admin:SessionLifetime</c>, 12 h, the refresh token's own lifetime).
/// </summary>
internal sealed record AdminSettings(string PublicBaseUrl, TimeSpan SessionLifetime, TimeSpan Deadline)
{
    public static AdminSettings Read(IConfiguration configuration) => new(
        (configuration["PublicBaseUrl"] is { Length: > 0 } url ? url : "http://127.0.0.1:8080").TrimEnd('/'),
        configuration.GetValue("Admin:SessionLifetime", TimeSpan.FromHours(12)),
        configuration.GetValue("Pages:BackendDeadline", TimeSpan.FromSeconds(5)));

    public DateTime NewDeadline() => DateTime.UtcNow.Add(Deadline);
}
