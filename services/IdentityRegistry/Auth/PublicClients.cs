using Medimail.ServiceDefaults.Auth;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// The public clients people sign in through (authorization code with PKCE S256, no secret): the admin console, the
/// webmail and the command-line tools. The CLI's redirect URIs are any loopback address (RFC 8252), checked by
/// <see cref="LoopbackAwareApplicationManager"/>; the two web clients' are exact.
/// </summary>
internal static class PublicClients
{
    public const string Admin = "medimail-admin";
    public const string Webmail = "medimail-webmail";
    public const string Cli = "medimail-cli";

    public static IEnumerable<OpenIddictApplicationDescriptor> All(IReadOnlyList<string> adminRedirects, IReadOnlyList<string> webmailRedirects, string publicBaseUrl)
    {
        yield return Describe(Admin, "Console d'administration Medimail", ApplicationTypes.Web, adminRedirects, [publicBaseUrl + "/admin/"]);
        yield return Describe(Webmail, "Webmail Medimail", ApplicationTypes.Web, webmailRedirects, [publicBaseUrl + "/webmail/"]);
        // One registered loopback URI documents the shape; any port and path on 127.0.0.1 or [::1] is accepted.
        yield return Describe(Cli, "Outils en ligne de commande Medimail", ApplicationTypes.Native, ["http://127.0.0.1/callback"], ["http://127.0.0.1/logout"]);
    }

    private static OpenIddictApplicationDescriptor Describe(string clientId, string name, string type, IEnumerable<string> redirects, IEnumerable<string> postLogout)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ApplicationType = type,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = name,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + MedimailClaims.ApiScope,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirects) descriptor.RedirectUris.Add(new Uri(uri));
        foreach (var uri in postLogout) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        return descriptor;
    }

    /// <summary>RFC 8252 §7.3: <c>http://127.0.0.1:{port}/{path}</c> or <c>http://[::1]:{port}/{path}</c>, nothing else.</summary>
    public static bool IsLoopbackRedirect(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme == Uri.UriSchemeHttp
        && parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && System.Net.IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)
        && string.IsNullOrEmpty(parsed.UserInfo) && string.IsNullOrEmpty(parsed.Fragment);
}
