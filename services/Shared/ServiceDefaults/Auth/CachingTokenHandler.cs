using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Medimail.ServiceDefaults.Auth;

/// <summary>
/// Checking a token's RSA signature is most of what authenticating a call costs, at the gateway and again in each
/// service, and a client sends the same token on every call for its lifetime. A token that passed every check is
/// remembered, by its exact text, until it expires or for five minutes at most; any other token (or the same one altered)
/// is fully validated. The identity handed out is a copy, so a request cannot change what the next one sees.
/// </summary>
public sealed class CachingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Validated> validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (validated.TryGetValue(token, out var hit))
        {
            if (hit.Until > now)
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = hit.Result.SecurityToken,
                    ClaimsIdentity = hit.Result.ClaimsIdentity.Clone(),
                    Issuer = hit.Result.Issuer,
                };
            validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            // A crude bound on memory: clients reuse their tokens, so reaching it means churn, and starting over is cheap.
            if (validated.Count >= MaxEntries)
                validated.Clear();
            var expires = result.SecurityToken.ValidTo;
            validated[token] = new Validated(result, expires < now + MaxAge ? expires : now + MaxAge);
        }
        return result;
    }

    private sealed record Validated(TokenValidationResult Result, DateTime Until);
}
