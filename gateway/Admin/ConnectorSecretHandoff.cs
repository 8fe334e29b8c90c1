using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Medimail.Gateway.Admin;

/// <summary>
/// A new or rotated connector secret travels from the POST that obtained it to the one page that shows it
/// (post/redirect/get: a reload of that page neither rotates again nor creates a second connector). It is sealed by data
/// protection in a cookie of two minutes scoped to that page, and erased as the page reads it: shown once, then gone.
/// The gateway keeps nothing; Identity-Registry keeps only the secret's hash.
/// </summary>
internal static class ConnectorSecretHandoff
{
    private const string Cookie = "medimail-admin-secret";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public sealed record Shown(string Name, string ClientId, string Secret);

    public static void Hand(HttpContext http, string pagePath, Medimail.Identity.V1.Connector connector)
    {
        var sealedSecret = Protector(http).Protect(JsonSerializer.Serialize(new Shown(connector.Name, connector.ClientId, connector.ClientSecret)), Lifetime);
        http.Response.Cookies.Append(Cookie, sealedSecret, new CookieOptions
        {
            HttpOnly = true, Path = pagePath, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = Lifetime, IsEssential = true,
        });
    }

    /// <summary>The secret handed to this page, once; null when there is none (already shown, expired, tampered).</summary>
    public static Shown? Take(HttpContext http, string pagePath)
    {
        var cookie = http.Request.Cookies[Cookie];
        if (string.IsNullOrEmpty(cookie)) return null;
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = pagePath, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });
        try
        {
            return JsonSerializer.Deserialize<Shown>(Protector(http).Unprotect(cookie));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("Medimail.Gateway.Admin.ConnectorSecret").ToTimeLimitedDataProtector();
}
