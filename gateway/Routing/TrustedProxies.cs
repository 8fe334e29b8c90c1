using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Medimail.Gateway.Routing;

/// <summary>
/// Behind an ingress every request comes from the ingress's address, so the rate limits would put every user in one
/// bucket. X-Forwarded-For is believed only from the proxies named in <c>ForwardedHeaders:TrustedProxies</c>
/// (addresses or CIDR networks, comma-separated); by default nobody is trusted and the connection's address counts,
/// so a client cannot pick its own bucket by sending the header.
/// </summary>
internal static class TrustedProxies
{
    public const string Setting = "ForwardedHeaders:TrustedProxies";

    public static ForwardedHeadersOptions Read(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (configuration[Setting] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/'))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            else if (IPAddress.TryParse(entry, out var address))
                options.KnownProxies.Add(address);
            else
                throw new InvalidOperationException($"Setting '{Setting}' holds '{entry}', which is neither an IP address nor a CIDR network.");
        }
        return options;
    }
}
