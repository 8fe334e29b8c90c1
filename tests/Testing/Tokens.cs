using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Medimail.Testing;

/// <summary>Access tokens from the real token endpoint, through the gateway, as a connector would get them.</summary>
public static class Tokens
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? operatorToken;

    public static async Task<string> OperatorAsync()
    {
        await Gate.WaitAsync();
        try { return operatorToken ??= await ClientCredentialsAsync(TestEnvironment.OperatorClientId, TestEnvironment.OperatorSecret); }
        finally { Gate.Release(); }
    }

    /// <summary>A token of one platform process's service identity (scope <c>internal</c>), as that process gets it.</summary>
    public static Task<string> ServiceAsync(string process) =>
        ClientCredentialsAsync(TestEnvironment.ServiceClientId(process), TestEnvironment.ServiceSecret(process), "internal");

    public static async Task<string> ClientCredentialsAsync(string clientId, string clientSecret, string? scope = null)
    {
        using var response = await RequestAsync(clientId, clientSecret, scope);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token request for {clientId} failed: {(int)response.StatusCode} {body}");
        var token = System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(body)!;
        return token.AccessToken;
    }

    public static async Task<HttpResponseMessage> RequestAsync(string clientId, string clientSecret, string? scope = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        };
        if (scope is not null) form["scope"] = scope;
        return await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
