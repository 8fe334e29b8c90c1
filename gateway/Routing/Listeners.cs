using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Gateway.Routing;

/// <summary>
/// The two ports a route can be served on, named in each route's <c>Metadata:Listener</c>: gRPC routes answer only
/// on the HTTP/2 port, REST routes only on the HTTP/1.1 port.
/// </summary>
public static class Listeners
{
    public const string MetadataKey = "Listener";
    public const string Grpc = "Grpc";
    public const string Http = "Http";

    public static bool IsKnown(string? name) =>
        string.Equals(name, Grpc, StringComparison.OrdinalIgnoreCase) || string.Equals(name, Http, StringComparison.OrdinalIgnoreCase);

    /// <summary>The local port says which listener accepted the connection; the Host header cannot, behind a port-mapping Service.</summary>
    public static string ArrivedOn(HttpContext http, PortsOptions ports) =>
        http.Connection.LocalPort == ports.Grpc ? Grpc : Http;
}
