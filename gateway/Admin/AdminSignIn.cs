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

    /// <summary>
    /// Remembers the flow in its cookie (with the console page to come back to) and answers the address of the
    /// authorization endpoint.
    /// </summary>
    public string Start(HttpContext http, string? returnPath = null)
    {
        var state = Random();
        var verifier = Random();
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var sealedFlow = protector.Protect(JsonSerializer.Serialize(new Flow(state, verifier, ReturnPath(returnPath))));
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

    /// <summary>The flow whose state came back, or null (no flow, another flow, tampered cookie).</summary>
    public Flow? Finish(HttpContext http, string? state)
    {
        var cookie = http.Request.Cookies[FlowCookie];
        http.Response.Cookies.Delete(FlowCookie, new CookieOptions { Path = CallbackPath });
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(state)) return null;
        try
        {
            var flow = JsonSerializer.Deserialize<Flow>(protector.Unprotect(cookie));
            return flow is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(flow.State), System.Text.Encoding.UTF8.GetBytes(state)) ? flow : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Random() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Only a console page of this origin ("/admin/…", never "//host" or "/\\host"): no open redirect.</summary>
    public static string ReturnPath(string? path) =>
        path is { Length: > 7 and <= 1000 } p && p.StartsWith("/admin/", StringComparison.Ordinal) && !p.Contains('\\') && !p.Contains("//", StringComparison.Ordinal)
            ? p : UserPagesHome;

    private const string UserPagesHome = "/admin/utilisateurs";

    public sealed record Flow(string State, string Verifier, string? ReturnPath);
}

/// <summary>
/// The console's settings: the public origin people reach (<c>PublicBaseUrl</c>, the redirect URI's origin), how
/// long a console session may last (<c>Admin:SessionLifetime</c>, 12 h, the refresh token's own lifetime) and how long
/// before its expiry the access token is renewed (<c>Admin:RefreshMargin</c>, 30 s; at or above the token's lifetime,
/// every request renews it, which the test profile's replica tests use).
/// </summary>
internal sealed record AdminSettings(string PublicBaseUrl, TimeSpan SessionLifetime, TimeSpan Deadline, TimeSpan RefreshMargin)
{
    public static AdminSettings Read(IConfiguration configuration)
    {
        var margin = configuration.GetValue("Admin:RefreshMargin", TimeSpan.FromSeconds(30));
        if (margin < TimeSpan.Zero)
            throw new InvalidOperationException($"Setting 'Admin:RefreshMargin' must not be negative (got {margin}).");
        return new(
            (configuration["PublicBaseUrl"] is { Length: > 0 } url ? url : "http://127.0.0.1:8080").TrimEnd('/'),
            configuration.GetValue("Admin:SessionLifetime", TimeSpan.FromHours(12)),
            configuration.GetValue("Pages:BackendDeadline", TimeSpan.FromSeconds(5)),
            margin);
    }

    public DateTime NewDeadline() => DateTime.UtcNow.Add(Deadline);
}
