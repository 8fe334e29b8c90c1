namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// The client's IP address as the gateway saw it. YARP appends the connection's address to <c>X-Forwarded-For</c>,
/// so the last entry is the one the gateway wrote (earlier ones come from the client and are not trusted).
/// Identity-Registry is reachable only inside the platform; a direct caller's own address is used otherwise.
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
            if (System.Net.IPAddress.TryParse(last, out var parsed))
                return parsed.ToString();
        }
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
