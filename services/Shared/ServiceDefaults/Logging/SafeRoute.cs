using Microsoft.AspNetCore.Http;

namespace Medimail.ServiceDefaults.Logging;

/// <summary>The request path with secrets masked: enrolment tokens are bearer credentials.</summary>
public static class SafeRoute
{
    private static readonly string[] SecretSegmentsAfter = ["enrol", "enrolments"];

    public static string Of(HttpContext http) => Mask(http.Request.Path.Value ?? "");

    /// <summary>
    /// Any path or URL (query string included): the segment after "enrol" or "enrolments" is a token. The query
    /// string is cut off first, so "/enrol/abc?x=1" loses its token too.
    /// </summary>
    public static string Mask(string path)
    {
        var query = path.IndexOfAny(['?', '#']);
        var suffix = query >= 0 ? path[query..] : "";
        var segments = (query >= 0 ? path[..query] : path).Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (SecretSegmentsAfter.Contains(segments[i - 1], StringComparer.OrdinalIgnoreCase) && segments[i].Length > 0)
            {
                var colon = segments[i].IndexOf(':');
                segments[i] = colon >= 0 ? "***" + segments[i][colon..] : "***";
            }
        }
        return string.Join('/', segments) + suffix;
    }
}
