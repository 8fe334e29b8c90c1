namespace Medimail.Deployment.Tests;

/// <summary>The platform contract every deployment description must follow (README.md, "Two commands").</summary>
public static class Contract
{
    public sealed record Process(string Name, string Project, string? Database, string ConfigName);

    public static readonly IReadOnlyList<Process> Services =
    [
        new("identity", "services/IdentityRegistry/Medimail.IdentityRegistry.csproj", "identity", "Identity"),
        new("mailbox", "services/Mailbox/Medimail.Mailbox.csproj", "mailbox", "Mailbox"),
        new("directory", "services/Directory/Medimail.Directory.csproj", "directory", "Directory"),
        new("notification", "services/Notification/Medimail.Notification.csproj", "notification", "Notification"),
    ];

    public static readonly Process Gateway = new("gateway", "gateway/Medimail.Gateway.csproj", null, "Gateway");

    public static IEnumerable<Process> Processes => [.. Services, Gateway];

    /// <summary>What every service must be given.</summary>
    public static readonly IReadOnlyList<string> RequiredServiceVariables =
    [
        "ASPNETCORE_ENVIRONMENT", "ConnectionStrings__Database",
        "RabbitMq__Host", "RabbitMq__Port", "RabbitMq__Username", "RabbitMq__Password", "RabbitMq__VirtualHost",
        "Ports__Grpc", "Ports__Http", "Ports__Bind",
        "Auth__Issuer", "Auth__MetadataAddress", "Auth__AllowInsecureHttp",
        "ServiceIdentity__ClientId", "ServiceIdentity__ClientSecret",
    ];

    /// <summary>What the gateway must be given, besides one Services__X__Grpc/Http pair per service.</summary>
    public static readonly IReadOnlyList<string> RequiredGatewayVariables =
    [
        "ASPNETCORE_ENVIRONMENT", "Ports__Grpc", "Ports__Http", "Ports__Bind",
        "Auth__Issuer", "Auth__MetadataAddress", "Auth__AllowInsecureHttp",
        "ServiceIdentity__ClientId", "ServiceIdentity__ClientSecret",
    ];

    /// <summary>Every name a process reads; anything else given to a process is a typo nobody reads.</summary>
    public static bool IsKnownVariable(string name) =>
        RequiredServiceVariables.Contains(name)
        || BackendVariables.Contains(name)
        || name is "MEDIMAIL_OPERATOR_CLIENT_SECRET" or "PublicBaseUrl"
        // Identity-Registry's token keys, shared by its replicas (TokenServerSetup).
        || name is "TokenServer__SigningKeyPem" or "TokenServer__EncryptionKey"
        // Identity-Registry's operators of the admin console (docs/admin-console.md); shared by the ConfigMap.
        || name is "SignIn__OperatorEmails"
        // Each process's service identity; Identity-Registry registers them all (docs/sign-in.md, "Service identities").
        || name is "ServiceIdentity__ClientId" or "ServiceIdentity__ClientSecret"
        || Processes.Any(p => name == $"ServiceClients__{p.ConfigName}__Secret")
        // The gateway's management port (/metrics); the services ignore it.
        || name is "Ports__Metrics"
        || name.StartsWith("Smtp__", StringComparison.Ordinal)
        // Graceful shutdown (GracefulShutdown.cs) and quorum queues (MessagingSetup.cs).
        || name is "Shutdown__Timeout" or "Shutdown__DrainDelay" or "RabbitMq__QuorumQueues"
        // Parts that Kubernetes composes into ConnectionStrings__Database with $(VAR).
        || name is "MEDIMAIL_DB_HOST" or "MEDIMAIL_DB_PORT" or "MEDIMAIL_DB_USER" or "MEDIMAIL_DB_PASSWORD";

    public static IEnumerable<string> BackendVariables =>
        Services.SelectMany(s => new[] { $"Services__{s.ConfigName}__Grpc", $"Services__{s.ConfigName}__Http" });
}
