using System.Security.Claims;
using Medimail.ServiceDefaults.Auth;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// Builds the identity behind a client-credentials token: the client's role (operator or connector) and, for a
/// connector, its structure. OpenIddict has already authenticated the client and checked its permissions.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        if (!request.IsClientCredentialsGrantType())
            return Forbid(Errors.UnsupportedGrantType, "Only the client_credentials grant is served here.");

        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted);
        if (application is null)
            return Forbid(Errors.InvalidClient, "Unknown client.");

        var properties = await applications.GetPropertiesAsync(application, http.RequestAborted);
        var role = properties.TryGetValue(ClientProperties.Role, out var r) ? r.GetString() : null;
        if (role is null)
            return Forbid(Errors.UnauthorizedClient, "This client has no role.");

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Subject, MedimailClaims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.ClientId, request.ClientId);
        identity.SetClaim(MedimailClaims.Role, role);
        if (properties.TryGetValue(ClientProperties.StructureId, out var structure))
            identity.SetClaim(MedimailClaims.StructureId, structure.GetString());

        // A client-credentials request with no scope gets "api" (docs/api.md).
        var scopes = request.GetScopes();
        identity.SetScopes(scopes.IsDefaultOrEmpty ? [MedimailClaims.ApiScope] : scopes);
        identity.SetResources(MedimailClaims.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
