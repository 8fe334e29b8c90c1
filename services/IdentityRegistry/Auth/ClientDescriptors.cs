using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Medimail.IdentityRegistry.Auth;

internal static class ClientDescriptors
{
    /// <summary>A client that authenticates with a secret (hashed by OpenIddict) and may only use client credentials for the API.</summary>
    public static OpenIddictApplicationDescriptor Confidential(string clientId, string displayName, string secret, string role, string? structureId)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + Medimail.ServiceDefaults.Auth.MedimailClaims.ApiScope,
            },
        };
        descriptor.Properties[ClientProperties.Role] = JsonSerializer.SerializeToElement(role);
        if (structureId is not null)
            descriptor.Properties[ClientProperties.StructureId] = JsonSerializer.SerializeToElement(structureId);
        return descriptor;
    }

    /// <summary>One of the platform's processes: client credentials for the <c>internal</c> scope alone (never <c>api</c>).</summary>
    public static OpenIddictApplicationDescriptor Service(string clientId, string secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Service Medimail " + clientId,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + Medimail.ServiceDefaults.Auth.MedimailClaims.InternalScope,
            },
        };
        descriptor.Properties[ClientProperties.Role] = JsonSerializer.SerializeToElement(Medimail.ServiceDefaults.Auth.Roles.Service);
        return descriptor;
    }
}
