using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Medimail.Bench;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.ProvisioningBench;

/// <summary>
/// 64 connector clients creating APP boxes, each with a new requestId, except one call in ten that sends again one of
/// the client's own last 16 requests (same requestId, same body), as a connector that lost an answer and retried. A
/// replay must answer the same box. (A requestId is the caller's: another connector's replay is refused, by design.)
/// </summary>
internal sealed class Creates(Connectors connectors, string runId)
{
    private const int ReplayPercent = 10;
    private const int Remembered = 16;
    private readonly Dictionary<int, CreateAccountRequest?[]> recent = [];
    private long sent;

    /// <summary>requestId → address of every create acknowledged (first call or replay).</summary>
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new();
    public long Replays;
    public long ReplaysAnsweredOtherwise;

    public async Task<LoadResult> RunAsync(string target, string address, int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        var channels = new List<GrpcChannel>();
        var clients = Enumerable.Range(0, concurrency).Select(s => connectors.Client(address, s, channels)).ToArray();
        for (var s = 0; s < concurrency; s++) recent.TryAdd(s, new CreateAccountRequest?[Remembered]);
        try
        {
            return await Load.RunAsync(target, concurrency, warmUp, duration, async (stream, i, cancel) =>
            {
                var (request, replay) = Next(stream);
                try
                {
                    var created = await clients[stream].CreateAccountAsync(request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancel);
                    var first = Acknowledged.GetOrAdd(request.RequestId, created.Email);
                    if (replay)
                    {
                        Interlocked.Increment(ref Replays);
                        if (first != created.Email) Interlocked.Increment(ref ReplaysAnsweredOtherwise);
                    }
                    return true;
                }
                catch (RpcException) when (cancel.IsCancellationRequested)
                {
                    return false; // the end of the measurement, not an answer
                }
                catch (RpcException e)
                {
                    if (replay) Interlocked.Increment(ref ReplaysAnsweredOtherwise);
                    Console.Error.WriteLine($"{target}: {e.Status.StatusCode} {e.Status.Detail}");
                    return false;
                }
            });
        }
        finally { channels.ForEach(c => c.Dispose()); }
    }

    private (CreateAccountRequest Request, bool Replay) Next(int stream)
    {
        var n = Interlocked.Increment(ref sent);
        var own = recent[stream];
        if (Random.Shared.Next(100) < ReplayPercent && own[Random.Shared.Next(Remembered)] is { } earlier)
            return (earlier, true);
        var request = new CreateAccountRequest
        {
            StructureId = connectors.StructureId,
            Account = Accounts.App(connectors.Person, connectors.OrgBox, $"bench-{runId}-{stream}-{n}@app.bench.medimail.fr"),
            RequestId = Guid.NewGuid().ToString(),
        };
        own[n % Remembered] = request;
        return (request, false);
    }
}
