using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;

namespace Medimail.ServiceDefaults.Hosting;

/// <summary>
/// How large a request body may be, per route (settings <c>RequestLimits:*</c>): anonymous calls a few KB, other
/// calls tens of KB, and the few routes that carry files their own limit. A request declaring a larger
/// Content-Length is answered 413 before a byte of its body is read; a chunked one is cut by Kestrel when it
/// crosses the limit (<see cref="IHttpMaxRequestBodySizeFeature"/>). Native gRPC calls are bounded by each
/// service's MaxReceiveMessageSize, checked on the message's length prefix, before the message is read.
/// </summary>
public sealed class RequestSizeLimits
{
    public const string Section = "RequestLimits";

    /// <summary>Anonymous routes: the enrolment API and pages, self-registration, the token endpoint.</summary>
    public static readonly string[] AnonymousRoutes =
    [
        "/api/v1/enrolments", "/api/v1/registrations", "/medimail.identity.v1.EnrolmentService", "/enrol", "/connect",
    ];

    private readonly List<(string[] Pattern, long Bytes)> _routes;

    public RequestSizeLimits(IConfiguration configuration, IReadOnlyDictionary<string, long> largeRoutes)
    {
        var section = configuration.GetSection(Section);
        DefaultBytes = configuration.GetValue("RequestLimits:DefaultBytes", 64L * 1024);
        AnonymousBytes = configuration.GetValue("RequestLimits:AnonymousBytes", 8L * 1024);
        var routes = AnonymousRoutes.ToDictionary(r => r, _ => AnonymousBytes, StringComparer.OrdinalIgnoreCase);
        foreach (var (route, bytes) in largeRoutes)
            routes[route] = bytes;
        // RequestLimits:Routes:{n}:Path and :Bytes override or add routes.
        foreach (var child in section.GetSection("Routes").GetChildren())
        {
            if (child["Path"] is { Length: > 0 } path && long.TryParse(child["Bytes"], out var bytes))
                routes[path] = bytes;
        }
        // The longest pattern first: "/api/v1/mailboxes/*/messages" wins over "/api/v1/mailboxes".
        _routes = routes.Select(r => (Segments(r.Key), r.Value)).OrderByDescending(r => r.Item1.Length).ToList();
    }

    public long DefaultBytes { get; }
    public long AnonymousBytes { get; }

    /// <summary>The limit of a path: its route's, matched segment by segment ("*" is any one segment), or the default.</summary>
    public long For(PathString path)
    {
        var segments = Segments(path.Value ?? "");
        foreach (var (pattern, bytes) in _routes)
        {
            if (Matches(pattern, segments))
                return bytes;
        }
        return DefaultBytes;
    }

    private static bool Matches(string[] pattern, string[] segments)
    {
        if (segments.Length < pattern.Length)
            return false;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == "*")
                continue;
            // "/api/v1/enrolments/{token}:complete": a custom verb is part of its segment.
            var segment = segments[i];
            if (!segment.Equals(pattern[i], StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return true;
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>First in the pipeline: nothing may read a body before its limit is set.</summary>
    public void Apply(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Native gRPC: the receiving service checks each message's length prefix (MaxReceiveMessageSize) and answers
        // RESOURCE_EXHAUSTED; cutting the stream here would give the caller a bare reset instead. Nothing buffers it.
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            await next(http);
            return;
        }
        var limit = For(http.Request.Path);
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.Response.WriteAsJsonAsync(new
            {
                code = 8,
                message = $"La requête fait {http.Request.ContentLength} octets : cette adresse en accepte au plus {limit}.",
            });
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        await next(http);
    });
}
