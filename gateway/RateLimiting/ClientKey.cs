namespace Medimail.Gateway.RateLimiting;

/// <summary>Whom a request is counted against.</summary>
public static class ClientKey
{
    /// <summary>The client's IP address (the connection's: the gateway is the edge).</summary>
    public static string Address(HttpContext http) =>
        "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>The validated token's subject (a person or a client), else the IP address.</summary>
    public static string CallerOrAddress(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var subject = http.User.FindFirst("sub")?.Value ?? http.User.FindFirst("client_id")?.Value;
            if (!string.IsNullOrEmpty(subject))
                return "sub:" + subject;
        }
        return Address(http);
    }
}
