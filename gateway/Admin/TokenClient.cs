using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Medimail.Gateway.Admin;

/// <summary>
/// Identity-Registry's token and revocation endpoints, called by the gateway itself (backend for frontend) on the
/// service's h2c address. Refresh tokens rotate and a used one fails at once: two requests of one browser that both
/// find the access token expired must not both spend it, so a refresh in flight (or just done) is shared by the
/// requests that carry the same refresh token.
/// </summary>
internal sealed class TokenClient(IHttpClientFactory factory, AdminSignIn signIn)
{
    public const string HttpClientName = "admin-tokens";
    private static readonly ConcurrentDictionary<string, Lazy<Task<TokenSet?>>> Refreshes = new();

    public Task<TokenSet?> ExchangeCodeAsync(string code, string verifier, CancellationToken cancellationToken) =>
        PostAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier,
            ["redirect_uri"] = signIn.RedirectUri, ["client_id"] = AdminSignIn.ClientId,
        }, cancellationToken);

    public async Task<TokenSet?> RefreshAsync(string refreshToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(refreshToken)));
        var shared = Refreshes.GetOrAdd(key, _ => new Lazy<Task<TokenSet?>>(() => PostAsync(new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = AdminSignIn.ClientId,
        }, CancellationToken.None)));
        try
        {
            return await shared.Value;
        }
        finally
        {
            // Kept a minute for the requests that were already on their way with the old token, then forgotten.
            _ = Task.Delay(TimeSpan.FromMinutes(1)).ContinueWith(_ => Refreshes.TryRemove(key, out Lazy<Task<TokenSet?>>? _), TaskScheduler.Default);
        }
    }

    /// <summary>RFC 7009: the refresh token (and with it the authorization) stops working.</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var response = await Client().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = refreshToken, ["token_type_hint"] = "refresh_token", ["client_id"] = AdminSignIn.ClientId,
        }), cancellationToken);
    }

    private async Task<TokenSet?> PostAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var response = await Client().PostAsync("/connect/token", new FormUrlEncodedContent(form), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) return null;
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (tokens?.AccessToken is not { Length: > 0 } access) return null;
        return new TokenSet(access, tokens.RefreshToken ?? "", DateTimeOffset.UtcNow.AddSeconds(Math.Max(tokens.ExpiresIn, 30)));
    }

    private HttpClient Client() => factory.CreateClient(HttpClientName);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

internal sealed record TokenSet(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);
