using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// A limit on Identity-Registry's own <c>/connect/token</c>, for callers that reach its port without the gateway.
/// Two fixed windows, both must grant: <c>TokenRateLimit:PermitLimit</c> per client id and client address (so a flood
/// of wrong secrets for one client, or from one address, does not starve another client's token), and the wider
/// <c>TokenRateLimit:PeerLimit</c> per connection address (so inventing a new client id or forwarded address for each
/// request does not escape). A refused request gets 429 and <c>Retry-After</c>, before any secret is checked.
/// </summary>
public sealed class TokenRateLimit : IMiddleware, IDisposable
{
    public const string Section = "TokenRateLimit";
    public const string Path = "/connect/token";

    private readonly PartitionedRateLimiter<HttpContext> limiter;

    public TokenRateLimit(TokenRateLimitOptions options)
    {
        FixedWindowRateLimiterOptions Window(int permits) => new()
        {
            PermitLimit = permits, Window = options.Window, QueueLimit = 0, AutoReplenishment = true,
        };
        limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(PerClientKey(http), _ => Window(options.PermitLimit))),
            PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Window(options.PeerLimit))));
    }

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
        {
            await next(http);
            return;
        }
        // The body is a small form (the route's size limit applies before this runs); reading it here leaves it buffered for OpenIddict.
        if (http.Request.HasFormContentType)
            await http.Request.ReadFormAsync(http.RequestAborted);
        using var lease = limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            await next(http);
            return;
        }
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["error"] = "too_many_requests",
            ["error_description"] = "Trop de demandes de jeton : réessayez plus tard.",
        }, http.RequestAborted);
    }

    /// <summary>The client id (form field, or the user name of HTTP Basic) with the client's address as the gateway saw it.</summary>
    private static string PerClientKey(HttpContext http)
    {
        var clientId = http.Request.HasFormContentType ? http.Request.Form["client_id"].ToString() : "";
        if (clientId.Length == 0 && AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var basic)
            && basic.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && basic.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                clientId = Uri.UnescapeDataString(pair.Split(':', 2)[0]);
            }
            catch (FormatException)
            {
                clientId = "";
            }
        }
        return clientId + "\n" + SignIn.ClientAddress.Of(http);
    }

    public void Dispose() => limiter.Dispose();
}

public sealed class TokenRateLimitOptions
{
    /// <summary>Token requests per client id and client address per window.</summary>
    public int PermitLimit { get; set; } = 100;
    /// <summary>Token requests per connection address per window, whatever the client id: the gateway's address carries everyone's.</summary>
    public int PeerLimit { get; set; } = 2000;
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    public static TokenRateLimitOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(TokenRateLimit.Section).Get<TokenRateLimitOptions>() ?? new TokenRateLimitOptions();
        if (options.PermitLimit <= 0 || options.PeerLimit < options.PermitLimit || options.Window <= TimeSpan.Zero)
            throw new InvalidOperationException("TokenRateLimit needs PermitLimit > 0, PeerLimit >= PermitLimit and Window > 0.");
        return options;
    }
}
