using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Medimail.Gateway.RateLimiting;

/// <summary>The limiter policies that routes name in <c>RateLimiterPolicy</c>.</summary>
public static class RateLimitPolicies
{
    public const string Anonymous = "anonymous";
    public const string Api = "api";
    /// <summary>
    /// <c>/connect/*</c> (tokens, sign-in, sign-out), per client IP: wider than <see cref="Anonymous"/>, because a
    /// hospital's staff sign in from one address at the start of the day. Guessing passwords is stopped behind it,
    /// per address and per IP, by Identity-Registry's growing delays (docs/sign-in.md).
    /// </summary>
    public const string Connect = "connect";
    /// <summary>
    /// The admin console's pages (<c>/admin/*</c>), per client address: each page costs a few API calls, an import's
    /// progress bar asks every second, and a structure's admins work from their hospital's one address; far wider than
    /// <see cref="Anonymous"/> (made for guessing-proof enrolment pages), far narrower than a connector's <see cref="Api"/>.
    /// </summary>
    public const string Console = "console";

    public static void Add(RateLimiterOptions options, RateLimitSettings anonymous, RateLimitSettings api, RateLimitSettings connect, RateLimitSettings console)
    {
        options.AddPolicy(Console, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientKey.Address(http), _ => console.ToLimiterOptions()));
        options.AddPolicy(Anonymous, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientKey.Address(http), _ => anonymous.ToLimiterOptions()));
        options.AddPolicy(Connect, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientKey.Address(http), _ => connect.ToLimiterOptions()));
        options.AddPolicy(Api, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientKey.CallerOrAddress(http), _ => api.ToLimiterOptions()));
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RateLimitRejection.WriteAsync;
    }
}
