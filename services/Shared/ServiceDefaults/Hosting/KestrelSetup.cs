using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Medimail.ServiceDefaults.Hosting;

public static class KestrelSetup
{
    /// <summary>
    /// Binds the gRPC (HTTP/2 only: cleartext cannot negotiate) and the HTTP/1.1 ports, and a management port
    /// (HTTP/1.1) when <paramref name="defaultMetricsPort"/> is given: the gateway's, whose HTTP port is public.
    /// </summary>
    public static PortsOptions ConfigureMedimailPorts(this WebApplicationBuilder builder, int defaultGrpcPort, int defaultHttpPort,
        int? defaultMetricsPort = null)
    {
        var ports = builder.Configuration.GetSection(PortsOptions.Section).Get<PortsOptions>() ?? new PortsOptions();
        if (ports.Grpc == 0) ports.Grpc = defaultGrpcPort;
        if (ports.Http == 0) ports.Http = defaultHttpPort;
        ports.Metrics = defaultMetricsPort is { } metrics ? (ports.Metrics == 0 ? metrics : ports.Metrics) : 0;
        if (!IPAddress.TryParse(ports.Bind, out var address))
            throw new InvalidOperationException($"Setting 'Ports:Bind' is not an IP address: '{ports.Bind}'.");

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, ports.Grpc, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, ports.Http, listen => listen.Protocols = HttpProtocols.Http1);
            if (ports.Metrics != 0)
                kestrel.Listen(address, ports.Metrics, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton(ports);
        return ports;
    }
}
