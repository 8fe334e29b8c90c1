namespace Medimail.Gateway.Routing;

/// <summary>A service behind the gateway: its YARP cluster and the two settings that say where it listens.</summary>
public sealed record Backend(string Name, string ClusterId)
{
    /// <summary>HTTP/2 cleartext: gRPC and the JSON-transcoded REST, which is where the gateway forwards.</summary>
    public string GrpcSetting => $"Services:{Name}:Grpc";

    /// <summary>HTTP/1.1: where the service answers <c>GET /health</c>.</summary>
    public string HttpSetting => $"Services:{Name}:Http";

    public static IReadOnlyList<Backend> All { get; } =
    [
        new("Identity", "identity"),
        new("Mailbox", "mailbox"),
        new("Directory", "directory"),
        new("Notification", "notification"),
    ];
}
