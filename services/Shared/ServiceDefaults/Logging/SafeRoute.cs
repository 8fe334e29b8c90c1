using Microsoft.AspNetCore.Http;

namespace Medimail.ServiceDefaults.Logging;

/// <summary>The request path with secrets masked: enrolment tokens are bearer credentials.</summary>
public static class SafeRoute
{
    private static readonly string[] SecretSegmentsAfter = ["enrol", "enrolments"];

    public static string Of(HttpContext http) => Mask(http.Request.Path.Value ?? "");

    public static string Mask(string path)
    {
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (SecretSegmentsAfter.Contains(segments[i - 1], StringComparer.OrdinalIgnoreCase) && segments[i].Length > 0)
            {
                var colon = segments[i].IndexOf(':');
                segments[i] = colon >= 0 ? "***" + segments[i][colon..] : "***";
            }
        }
        return string.Join('/', segments);
    }
}
