namespace Medimail.Testing;

/// <summary>
/// Where the real infrastructure and platform started by <c>scripts/test.sh</c> listen. A missing variable fails the
/// test with a message saying how to run it, never skips it.
/// </summary>
public static class TestEnvironment
{
    public static string GatewayUrl => Required("MEDIMAIL_GATEWAY_URL");
    public static string GatewayGrpcUrl => Required("MEDIMAIL_GATEWAY_GRPC_URL");
    public static string IdentityGrpcUrl => Required("MEDIMAIL_IDENTITY_GRPC_URL");
    public static string MailboxGrpcUrl => Required("MEDIMAIL_MAILBOX_GRPC_URL");
    public static string DirectoryGrpcUrl => Required("MEDIMAIL_DIRECTORY_GRPC_URL");
    public static string NotificationGrpcUrl => Required("MEDIMAIL_NOTIFICATION_GRPC_URL");
    /// <summary>Superuser connection to the test PostgreSQL, database <c>postgres</c>.</summary>
    public static string PostgresConnection => Required("MEDIMAIL_PG_CONNECTION");
    public static string RabbitHost => Required("MEDIMAIL_RABBIT_HOST");
    public static ushort RabbitPort => ushort.Parse(Required("MEDIMAIL_RABBIT_PORT"));
    public static string RabbitUser => Required("MEDIMAIL_RABBIT_USER");
    public static string RabbitPassword => Required("MEDIMAIL_RABBIT_PASSWORD");
    public static string RabbitVirtualHost => Environment.GetEnvironmentVariable("MEDIMAIL_RABBIT_VHOST") is { Length: > 0 } vhost ? vhost : "/";
    public static string InfraScript => Required("MEDIMAIL_INFRA_SCRIPT");
    public static string InfraProfile => Required("MEDIMAIL_INFRA_PROFILE");
    public static string OperatorClientId => "medimail-operator";
    public static string OperatorSecret => Environment.GetEnvironmentVariable("MEDIMAIL_OPERATOR_CLIENT_SECRET") ?? "dev-operator-secret";

    /// <summary>The service identity of one platform process (identity, mailbox, directory, notification, gateway).</summary>
    public static string ServiceClientId(string process) => $"medimail-service-{process}";
    public static string ServiceSecret(string process) => Required($"MEDIMAIL_{process.ToUpperInvariant()}_SERVICE_SECRET");

    /// <summary>A connection string to one service's database (identity, mailbox, directory, notification).</summary>
    public static string DatabaseConnection(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnection) { Database = database }.ConnectionString;

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : throw new InvalidOperationException($"{name} is not set: run the tests through scripts/test.sh, which starts the platform.");
}
