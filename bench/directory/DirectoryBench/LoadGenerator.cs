using Grpc.Core;
using Grpc.Net.Client;
using Medimail.Bench;
using Medimail.Directory.V1;

namespace Medimail.DirectoryBench;

/// <summary>
/// The query mix over gRPC: N streams in flight (bench/Common's closed loop) over one HTTP/2 connection per 16 streams.
/// </summary>
internal static class LoadGenerator
{
    public static Task<LoadResult> RunAsync(string name, string address, string token, IReadOnlyList<SearchRequest> mix,
        int concurrency, TimeSpan warmUp, TimeSpan duration) =>
        RunAsync(name, address, token, concurrency, warmUp, duration, (client, headers, n, cancel) =>
            client.SearchAsync(mix[(int)(n % mix.Count)], headers, DateTime.UtcNow.AddSeconds(10), cancel).ResponseAsync);

    /// <summary>A cheap call: GetEntry of one address, answered from the Directory's index.</summary>
    public static Task<LoadResult> GetEntriesAsync(string name, string address, string token, IReadOnlyList<string> emails,
        int concurrency, TimeSpan warmUp, TimeSpan duration) =>
        RunAsync(name, address, token, concurrency, warmUp, duration, (client, headers, n, cancel) =>
            client.GetEntryAsync(new GetEntryRequest { Directory = "national", Email = emails[(int)(n % emails.Count)] }, headers,
                DateTime.UtcNow.AddSeconds(10), cancel).ResponseAsync);

    private static async Task<LoadResult> RunAsync(string name, string address, string token, int concurrency, TimeSpan warmUp,
        TimeSpan duration, Func<DirectoryService.DirectoryServiceClient, Metadata, long, CancellationToken, Task> call)
    {
        var channels = Enumerable.Range(0, Math.Max(1, concurrency / 16)).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) },
        })).ToList();
        var clients = Enumerable.Range(0, concurrency).Select(s => new DirectoryService.DirectoryServiceClient(channels[s % channels.Count])).ToArray();
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        try
        {
            return await Load.RunAsync(name, concurrency, warmUp, duration, async (stream, i, cancel) =>
            {
                try
                {
                    await call(clients[stream], headers, stream * 997 + i, cancel);
                    return true;
                }
                catch (RpcException)
                {
                    return false;
                }
            });
        }
        finally { channels.ForEach(c => c.Dispose()); }
    }
}
