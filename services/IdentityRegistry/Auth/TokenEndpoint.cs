using System.Security.Claims;
using Medimail.ServiceDefaults.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.SignIn;
using Microsoft.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// Builds the identity behind a token. Client credentials: the client's role (operator or connector) and, for a
/// connector, its structure. A person's code or refresh token: the person's claims, read again (<see cref="PersonClaims"/>).
/// OpenIddict has already authenticated the client and checked its permissions.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, IOpenIddictApplicationManager applications,
        PersonClaims personClaims, Structures.ConnectorRegistry connectors)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
            return await PersonTokenAsync(http, personClaims);
        if (!request.IsClientCredentialsGrantType())
            return Forbid(Errors.UnsupportedGrantType, "Grants served: client_credentials, authorization_code, refresh_token.");

        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted);
        if (application is null)
            return Forbid(Errors.InvalidClient, "Unknown client.");

        var properties = await applications.GetPropertiesAsync(application, http.RequestAborted);
        var role = properties.TryGetValue(ClientProperties.Role, out var r) ? r.GetString() : null;
        if (role is null)
            return Forbid(Errors.UnauthorizedClient, "This client has no role.");
        if (role == Roles.Connector)
            await connectors.TouchAsync(request.ClientId!, http.RequestAborted);

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Subject, MedimailClaims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.ClientId, request.ClientId);
        identity.SetClaim(MedimailClaims.Role, role);
        if (properties.TryGetValue(ClientProperties.StructureId, out var structure))
            identity.SetClaim(MedimailClaims.StructureId, structure.GetString());

        // A client-credentials request with no scope gets "api" (docs/api.md); a service identity's, "internal".
        var scopes = request.GetScopes();
        identity.SetScopes(!scopes.IsDefaultOrEmpty ? scopes
            : role == Roles.Service ? [MedimailClaims.InternalScope] : [MedimailClaims.ApiScope]);
        identity.SetResources(MedimailClaims.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A code or a refresh token (OpenIddict has checked it, PKCE included, and a reused refresh token never gets here):
    /// the account must still be allowed to sign in, and the new token is built from today's rights, not the old ones.
    /// </summary>
    private static async Task<IResult> PersonTokenAsync(HttpContext http, PersonClaims personClaims)
    {
        var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var subject = await personClaims.FindAsync(previous?.GetClaim(Claims.Subject), http.RequestAborted);
        if (subject is null || !PasswordCheck.MaySignIn(subject.Account))
            return Forbid(Errors.InvalidGrant, "Ce compte ne peut plus se connecter.");
        var identity = personClaims.IdentityOf(subject, previous!.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
