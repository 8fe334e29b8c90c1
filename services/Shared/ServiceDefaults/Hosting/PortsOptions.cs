namespace Medimail.ServiceDefaults.Hosting;

/// <summary>
/// Every process listens on two ports: HTTP/2 cleartext for gRPC and transcoded REST (what the gateway
/// and other services call), HTTP/1.1 for probes and browsers (health, token endpoint, pages).
/// </summary>
public sealed class PortsOptions
{
    public const string Section = "Ports";
    public int Grpc { get; set; }
    public int Http { get; set; }
    /// <summary>The gateway's management port (HTTP/1.1, <c>/metrics</c> only), never published; 0 in the services.</summary>
    public int Metrics { get; set; }
    public string Bind { get; set; } = "127.0.0.1";
}
