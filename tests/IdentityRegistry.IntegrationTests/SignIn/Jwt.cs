using System.Text;
using System.Text.Json;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>Reads a JWT's claims (the signature is the services' business; these tests look at what a token says).</summary>
internal static class Jwt
{
    public static JsonElement Payload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part))).RootElement.Clone();
    }

    /// <summary>A claim's values, whether the token holds one string or an array.</summary>
    public static IReadOnlyList<string> Values(string token, string claim)
    {
        var payload = Payload(token);
        if (!payload.TryGetProperty(claim, out var value)) return [];
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [value.GetString()!];
    }
}
