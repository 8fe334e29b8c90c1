using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Medimail.Gateway.RateLimiting;

/// <summary>
/// A refused request learns when to come back (<c>Retry-After</c>). REST gets 429 with a body shaped like the
/// services' transcoded errors; gRPC gets RESOURCE_EXHAUSTED, because a gRPC client reads HTTP 429 as UNAVAILABLE.
/// </summary>
public static class RateLimitRejection
{
    public const string Message = "Trop de requêtes : réessayez plus tard.";
    private const int ResourceExhausted = 8;

    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        if (IsGrpc(context.HttpContext.Request))
        {
            // Trailers-only response: status and message travel in the headers.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ResourceExhausted.ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(Message);
            return;
        }

        response.StatusCode = StatusCodes.Status429TooManyRequests;
        await response.WriteAsJsonAsync(new { code = ResourceExhausted, message = Message, details = Array.Empty<object>() }, cancellationToken);
    }

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
