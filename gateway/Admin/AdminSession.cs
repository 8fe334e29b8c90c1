using System.Globalization;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Medimail.Gateway.Admin;

/// <summary>
/// Who is signed in to the console and the tokens the console calls the API with. Everything lives in the session
/// cookie <c>medimail-admin</c>: sealed by data protection (encrypted and signed), HttpOnly, SameSite=Strict, path
/// <c>/admin</c>, so the browser's scripts never see a token. The claims are the person's own (<c>GetMe</c>): they
/// only decide what the menus show; the API decides what the person may do.
/// </summary>
internal sealed record AdminUser(string Email, string Name, IReadOnlySet<string> Roles, IReadOnlyList<(string Id, string Name)> Structures, string AccessToken)
{
    public bool IsOperator => Roles.Contains("operator");

    /// <summary>The gRPC headers of a call made on the person's behalf.</summary>
    public Metadata Headers() => new() { { "Authorization", "Bearer " + AccessToken } };
}

internal sealed class AdminSession(TokenClient tokens, AdminSettings settings)
{
    public const string Scheme = "medimail-admin";
    private const string StructureClaim = "medimail_structure";

    public static void Configure(CookieAuthenticationOptions options, AdminSettings settings)
    {
        options.Cookie.Name = "medimail-admin";
        options.Cookie.Path = "/admin";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.IsEssential = true;
        options.ExpireTimeSpan = settings.SessionLifetime;
        options.SlidingExpiration = false;
        // The console answers for itself (a landing page); the cookie handler never redirects.
        options.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        options.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    }

    public static async Task SignInAsync(HttpContext http, TokenSet tokenSet, Medimail.Identity.V1.Me me)
    {
        var identity = new ClaimsIdentity(Scheme, ClaimTypes.Email, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Email, me.Account.Email));
        identity.AddClaim(new Claim(ClaimTypes.Name, $"{me.Account.FirstName} {me.Account.LastName}".Trim()));
        foreach (var role in me.Roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        foreach (var s in me.AdministeredStructures) identity.AddClaim(new Claim(StructureClaim, s.Id + "|" + s.Name));
        var properties = new AuthenticationProperties { IsPersistent = false };
        Store(properties, tokenSet);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>
    /// The signed-in person with a valid access token, refreshed (and the cookie rewritten) when it is about to
    /// expire; null when there is no session or the refresh token no longer works (then the cookie is removed).
    /// With several gateway replicas and no affinity, two requests of one browser may reach two replicas with the same
    /// expiring cookie: the one whose refresh loses (the token rotates and a used one fails at once) answers null, and
    /// the console sends the person through the sign-in again, back to the same page (AdminEndpoints): while the
    /// sign-in page's own session lasts (<c>SignIn:SessionLifetime</c>), that round trip asks nothing.
    /// </summary>
    public async Task<AdminUser?> CurrentAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded || result.Properties is null) return null;
        var properties = result.Properties;
        var access = properties.GetTokenValue("access_token");
        var refresh = properties.GetTokenValue("refresh_token");
        var expires = DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var e) ? e : DateTimeOffset.MinValue;
        if (string.IsNullOrEmpty(access)) return null;
        if (expires - settings.RefreshMargin <= DateTimeOffset.UtcNow)
        {
            var renewed = string.IsNullOrEmpty(refresh) ? null : await tokens.RefreshAsync(refresh);
            if (renewed is null)
            {
                await http.SignOutAsync(Scheme);
                return null;
            }
            Store(properties, renewed);
            await http.SignInAsync(Scheme, result.Principal!, properties);
            access = renewed.AccessToken;
        }
        var principal = result.Principal!;
        return new AdminUser(
            principal.FindFirstValue(ClaimTypes.Email) ?? "",
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindAll(StructureClaim).Select(c => c.Value.Split('|', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : p[0])).ToList(),
            access);
    }

    /// <summary>Revokes the refresh token and removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (result.Properties?.GetTokenValue("refresh_token") is { Length: > 0 } refresh)
            await tokens.RevokeAsync(refresh, http.RequestAborted);
        await http.SignOutAsync(Scheme);
    }

    public string PostLogoutAddress() =>
        $"/connect/logout?client_id={AdminSignIn.ClientId}&post_logout_redirect_uri={Uri.EscapeDataString(settings.PublicBaseUrl + "/admin/")}";

    private static void Store(AuthenticationProperties properties, TokenSet tokenSet) =>
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = "access_token", Value = tokenSet.AccessToken },
            new AuthenticationToken { Name = "refresh_token", Value = tokenSet.RefreshToken },
            new AuthenticationToken { Name = "expires_at", Value = tokenSet.ExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
        ]);
}
