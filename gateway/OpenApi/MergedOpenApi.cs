using System.Text.Json;
using System.Text.Json.Nodes;
using Medimail.Gateway.Routing;

namespace Medimail.Gateway.OpenApi;

/// <summary>
/// The public OpenAPI document: each service's own <c>GET /openapi/v1.json</c> (generated from its protos), merged.
/// Kept for <see cref="OpenApiSettings.CacheDuration"/> once every service answered; a service that does not answer is
/// left out and named in the description, and such a partial document is only kept a few seconds, so the next request
/// tries that service again.
/// </summary>
internal sealed class MergedOpenApi(IHttpClientFactory clients, IReadOnlyList<BackendAddress> backends, OpenApiSettings settings,
    TimeProvider clock, ILogger<MergedOpenApi> logger)
{
    public const string HttpClientName = "openapi";
    private static readonly TimeSpan PartialCacheDuration = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim refresh = new(1, 1);
    private (string Json, DateTimeOffset Until)? cached;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (cached is { } fresh && fresh.Until > clock.GetUtcNow())
            return fresh.Json;
        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && again.Until > clock.GetUtcNow())
                return again.Json;
            var documents = await Task.WhenAll(backends.Select(b => FetchAsync(b, cancellationToken)));
            var missing = backends.Where((_, i) => documents[i] is null).Select(b => b.Backend.Name).ToList();
            var json = Merge(documents.OfType<JsonObject>(), missing).ToJsonString();
            cached = (json, clock.GetUtcNow() + (missing.Count == 0 ? settings.CacheDuration : PartialCacheDuration));
            return json;
        }
        finally
        {
            refresh.Release();
        }
    }

    private async Task<JsonObject?> FetchAsync(BackendAddress backend, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.BackendTimeout);
        try
        {
            var url = new Uri(backend.Http, "/openapi/v1.json");
            await using var body = await clients.CreateClient(HttpClientName).GetStreamAsync(url, timeout.Token);
            return await JsonNode.ParseAsync(body, cancellationToken: timeout.Token) as JsonObject;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("OpenAPI document of {Backend} unavailable ({Error}); the merged document leaves it out for now",
                backend.Backend.Name, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Paths and schemas of every document in one; a schema two services share (a common proto message) once.</summary>
    public static JsonObject Merge(IEnumerable<JsonObject> documents, IReadOnlyCollection<string> missing)
    {
        var description = "The Medimail REST API (gRPC JSON transcoding), generated from the protos of every service. See docs/api.md.";
        if (missing.Count > 0)
            description += $" Not included for now (no answer): {string.Join(", ", missing)}.";
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var tags = new JsonArray();
        foreach (var document in documents)
        {
            foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
            {
                if (paths[path] is JsonObject existing)
                {
                    foreach (var (method, operation) in item!.AsObject())
                        existing[method] ??= operation?.DeepClone();
                }
                else
                {
                    paths[path] = item?.DeepClone();
                }
            }
            foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
                schemas[name] ??= schema?.DeepClone();
            foreach (var tag in document["tags"]?.AsArray() ?? [])
                tags.Add(tag?.DeepClone());
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.1",
            ["info"] = new JsonObject { ["title"] = "Medimail API", ["version"] = "v1", ["description"] = description },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["tags"] = tags,
        };
    }
}

/// <summary><c>OpenApi:CacheDuration</c> (how long a complete merged document is kept), <c>OpenApi:BackendTimeout</c>.</summary>
internal sealed record OpenApiSettings(TimeSpan CacheDuration, TimeSpan BackendTimeout);
