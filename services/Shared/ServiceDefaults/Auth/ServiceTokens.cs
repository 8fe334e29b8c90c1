using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Medimail.ServiceDefaults.Auth;

/// <summary>
/// The access token of this process's <see cref="ServiceIdentity"/>, from Identity-Registry's token endpoint (client
/// credentials, scope <c>internal</c>). One token serves every internal call until shortly before it expires, then one
/// caller renews it while the others wait for that renewal instead of asking too.
/// </summary>
public sealed class ServiceTokens(IHttpClientFactory http, TimeProvider clock, ServiceIdentity? identity = null)
{
    public const string HttpClientName = "service-tokens";
    /// <summary>Renewed this long before expiry (or at half its life when shorter), so no call carries a token about to die.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim renewal = new(1, 1);
    private volatile Cached? current;

    /// <summary>False in development when no identity is configured: internal calls then go without a token.</summary>
    public bool Configured => identity is not null;

    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (identity is null)
            return null;
        if (current is { } fresh && fresh.RenewAt > clock.GetUtcNow())
            return fresh.Token;
        await renewal.WaitAsync(cancellationToken);
        try
        {
            if (current is { } renewed && renewed.RenewAt > clock.GetUtcNow())
                return renewed.Token;
            current = await RequestAsync(identity, cancellationToken);
            return current.Token;
        }
        finally
        {
            renewal.Release();
        }
    }

    private async Task<Cached> RequestAsync(ServiceIdentity me, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.PostAsync(me.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = me.ClientId,
            ["client_secret"] = me.ClientSecret,
            ["scope"] = MedimailClaims.InternalScope,
        }), cancellationToken);
        // The answer's text is not logged or passed on: only its status says what went wrong.
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"The service token of {me.ClientId} was refused by {me.TokenEndpoint} ({(int)response.StatusCode}).", null, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new HttpRequestException($"Empty token response from {me.TokenEndpoint}.");
        var life = TimeSpan.FromSeconds(Math.Max(token.ExpiresIn, 1));
        var margin = life / 2 < RenewBefore ? life / 2 : RenewBefore;
        return new Cached(token.AccessToken, clock.GetUtcNow() + life - margin);
    }

    private sealed record Cached(string Token, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>Puts this process's service token on every request of the HTTP or gRPC client it is added to.</summary>
public sealed class ServiceTokenHandler(ServiceTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await tokens.GetAsync(cancellationToken) is { } token)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
