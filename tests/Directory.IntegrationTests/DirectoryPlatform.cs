using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Medimail.Directory.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.Directory.IntegrationTests;

/// <summary>
/// What the tests drive: a MassTransit bus of their own on the platform's RabbitMQ (playing Identity-Registry), the
/// Directory's gRPC API with an operator token, and a read-only look at the Directory's <c>processed_messages</c> so a
/// test knows an event was consumed even when it made nothing visible.
/// </summary>
public sealed class DirectoryPlatform : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IBusControl? bus;
    private GrpcChannel? channel;
    private GrpcChannel? identityChannel;

    public DirectoryService.DirectoryServiceClient Directory { get; private set; } = null!;
    public VisibilityService.VisibilityServiceClient Visibility { get; private set; } = null!;
    public DirectoryAdminService.DirectoryAdminServiceClient Admin { get; private set; } = null!;
    /// <summary>Identity-Registry itself, for tests that need real accounts (the liste rouge copy, the rebuild's feed).</summary>
    public Identity.V1.AccountService.AccountServiceClient IdentityAccounts { get; private set; } = null!;
    public Identity.V1.StructureService.StructureServiceClient IdentityStructures { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestEnvironment.RabbitHost, TestEnvironment.RabbitPort, VirtualHost, h =>
        {
            h.Username(TestEnvironment.RabbitUser);
            h.Password(TestEnvironment.RabbitPassword);
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync(new CancellationTokenSource(Patience).Token);
        var token = await Tokens.OperatorAsync();
        channel = Channels.Create(TestEnvironment.DirectoryGrpcUrl, token);
        Directory = new DirectoryService.DirectoryServiceClient(channel);
        Visibility = new VisibilityService.VisibilityServiceClient(channel);
        Admin = new DirectoryAdminService.DirectoryAdminServiceClient(channel);
        identityChannel = Channels.Create(TestEnvironment.IdentityGrpcUrl, token);
        IdentityAccounts = new Identity.V1.AccountService.AccountServiceClient(identityChannel);
        IdentityStructures = new Identity.V1.StructureService.StructureServiceClient(identityChannel);
    }

    public async Task DisposeAsync()
    {
        if (bus is not null) await bus.StopAsync();
        channel?.Dispose();
        identityChannel?.Dispose();
    }

    /// <summary>
    /// The platform's vhost and database, unless MEDIMAIL_RABBIT_VHOST / MEDIMAIL_DIRECTORY_DB_CONNECTION point these tests
    /// at a Directory of one's own (bench/directory/stack.sh env prints them).
    /// </summary>
    private static string VirtualHost => Environment.GetEnvironmentVariable("MEDIMAIL_RABBIT_VHOST") is { Length: > 0 } vhost ? vhost : "/";

    public static string DatabaseConnection =>
        Environment.GetEnvironmentVariable("MEDIMAIL_DIRECTORY_DB_CONNECTION") is { Length: > 0 } connection
            ? connection : TestEnvironment.DatabaseConnection("directory");

    public static DirectoryService.DirectoryServiceClient ClientWithoutToken() =>
        new(Channels.Create(TestEnvironment.DirectoryGrpcUrl, token: null));

    /// <summary>Publishes as Identity-Registry's outbox relay does: with an explicit message id, the deduplication key.</summary>
    public async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        await bus!.Publish(message, context => context.MessageId = id);
        return id;
    }

    /// <summary>How many consumers recorded the message as applied.</summary>
    public static async Task<long> ProcessedCountAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM processed_messages WHERE message_id = @id", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The stored row of an entry as JSON column → value, or null when there is none: entries of boxes no directory
    /// lists (pre-registered accounts) are visible only here.
    /// </summary>
    public static async Task<Dictionary<string, string?>?> RowAsync(string email)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT row_to_json(d)::text FROM directory_entries d WHERE email = @email", connection);
        command.Parameters.AddWithValue("email", email);
        return await command.ExecuteScalarAsync() is string json
            ? System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.ToJsonString())
            : null;
    }

    public async Task<Dictionary<string, string?>> RowUntilAsync(string email, Func<Dictionary<string, string?>, bool> done, string what) =>
        (await Eventually.GetAsync(() => RowAsync(email), row => row is not null && done(row), Patience, what))!;

    public Task WaitProcessedAsync(Guid messageId) =>
        Eventually.GetAsync(() => ProcessedCountAsync(messageId), count => count > 0, Patience, $"message {messageId} consumed");

    public async Task<SearchResponse> SearchAsync(SearchRequest request) => await Directory.SearchAsync(request);

    /// <summary>Searches until the result satisfies <paramref name="done"/> (events reach the directory asynchronously).</summary>
    public Task<SearchResponse> SearchUntilAsync(SearchRequest request, Func<SearchResponse, bool> done, string what) =>
        Eventually.GetAsync(() => SearchAsync(request), done, Patience, what);

    /// <summary>The entry, or null when the directory answers NOT_FOUND.</summary>
    public async Task<Entry?> FindAsync(string directory, string email)
    {
        try { return await Directory.GetEntryAsync(new GetEntryRequest { Directory = directory, Email = email }); }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound) { return null; }
    }

    public Task<Entry?> FindUntilAsync(string directory, string email, Func<Entry?, bool> done, string what) =>
        Eventually.GetAsync(() => FindAsync(directory, email), done, Patience, what);
}

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryPlatform>
{
    public const string Name = "directory";
}
