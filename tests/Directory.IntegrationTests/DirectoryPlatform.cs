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

    public DirectoryService.DirectoryServiceClient Directory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestEnvironment.RabbitHost, TestEnvironment.RabbitPort, "/", h =>
        {
            h.Username(TestEnvironment.RabbitUser);
            h.Password(TestEnvironment.RabbitPassword);
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync(new CancellationTokenSource(Patience).Token);
        channel = Channels.Create(TestEnvironment.DirectoryGrpcUrl, await Tokens.OperatorAsync());
        Directory = new DirectoryService.DirectoryServiceClient(channel);
    }

    public async Task DisposeAsync()
    {
        if (bus is not null) await bus.StopAsync();
        channel?.Dispose();
    }

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
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("directory"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM processed_messages WHERE message_id = @id", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

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
