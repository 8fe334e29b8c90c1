using Medimail.ServiceDefaults.Telemetry;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>Counts each answer of the token endpoint as a sign-in that succeeded or failed, by grant type.</summary>
internal static class SignInCounting
{
    private static readonly HashSet<string> KnownGrants = ["client_credentials", "authorization_code", "refresh_token"];

    public static ValueTask Count(ApplyTokenResponseContext context)
    {
        // The label takes known grant names only: a caller's made-up grant_type must not create a series of its own.
        var grant = context.Request?.GrantType is { } g && KnownGrants.Contains(g) ? g : "other";
        if (string.IsNullOrEmpty(context.Response.Error))
            SignInMetrics.Succeeded(grant);
        else
            SignInMetrics.Failed(grant);
        return ValueTask.CompletedTask;
    }
}
