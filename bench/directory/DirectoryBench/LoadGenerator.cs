using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Medimail.Directory.V1;

namespace Medimail.DirectoryBench;

internal sealed record LoadResult(string Target, long Requests, long Errors, double Seconds, double[] LatenciesMs)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>
/// N concurrent Search calls in flight at all times (one loop per stream) over one HTTP/2 connection per 16 streams,
/// for a fixed duration after a warm-up; every call's latency is kept for the percentiles.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(string name, string address, string token, IReadOnlyList<SearchRequest> mix,
        int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        var channels = Enumerable.Range(0, Math.Max(1, concurrency / 16)).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) },
        })).ToList();
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        var measuring = false;
        var stop = false;
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new List<double>(100_000)).ToArray();
        var errors = new long[concurrency];
        var counts = new long[concurrency];

        async Task Worker(int w)
        {
            var client = new DirectoryService.DirectoryServiceClient(channels[w % channels.Count]);
            var i = w * 997;
            while (!Volatile.Read(ref stop))
            {
                var request = mix[i++ % mix.Count];
                var started = Stopwatch.GetTimestamp();
                var ok = true;
                try
                {
                    await client.SearchAsync(request, headers, DateTime.UtcNow.AddSeconds(10));
                }
                catch (RpcException)
                {
                    ok = false;
                }
                if (!Volatile.Read(ref measuring))
                    continue;
                if (ok)
                {
                    latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    counts[w]++;
                }
                else
                    errors[w]++;
            }
        }

        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w))).ToArray();
        await Task.Delay(warmUp);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        channels.ForEach(c => c.Dispose());

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(name, counts.Sum(), errors.Sum(), seconds, all);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}
