using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Medimail.Gateway.RateLimiting;

/// <summary>The limiter policies that routes name in <c>RateLimiterPolicy</c>.</summary>
public static class RateLimitPolicies
{
    public const string Anonymous = "anonymous";
    public const string Api = "api";

    public static void Add(RateLimiterOptions options, RateLimitSettings anonymous, RateLimitSettings api)
    {
        options.AddPolicy(Anonymous, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientKey.Address(http), _ => anonymous.ToLimiterOptions()));
        options.AddPolicy(Api, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientKey.CallerOrAddress(http), _ => api.ToLimiterOptions()));
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RateLimitRejection.WriteAsync;
    }
}
