using System.Diagnostics;
using System.Globalization;
using Medimail.Directory.V1;

namespace Medimail.DirectoryBench;

/// <summary>
/// One run, three measurements of the same query mix at the same concurrency: through the gateway, straight to the
/// Directory, and the Directory's own SQL through pgbench. Prints throughput, p50/p95/p99 and the ratios the goals name.
/// </summary>
internal static class BenchRun
{
    private const int MixSize = 20_000;
    // pgbench accepts at most 128 script files.
    private const int PgbenchScripts = 120;

    public static async Task RunAsync(string connection, string pgUri, string token, string gateway, string direct,
        TimeSpan duration, int concurrency, string output, int seed)
    {
        var mix = await QueryMix.CreateAsync(connection, MixSize, seed);
        Console.WriteLine("query mix: " + string.Join(", ", mix.GroupBy(QueryMix.Kind).Select(g => $"{g.Key} {100.0 * g.Count() / mix.Count:F0}%")));
        var warmUp = TimeSpan.FromSeconds(5);
        await WaitUntilServedAsync(connection, direct, token);

        var viaGateway = await LoadGenerator.RunAsync("gRPC via gateway", gateway, token, mix, concurrency, warmUp, duration);
        Print(viaGateway);
        var toService = await LoadGenerator.RunAsync("gRPC direct to Directory", direct, token, mix, concurrency, warmUp, duration);
        Print(toService);
        var pgbench = RunPgbench(connection, pgUri, mix.Take(PgbenchScripts), concurrency, duration, output);
        Print(pgbench);
        // Under 64 streams on 2 cores, latency is mostly queueing for a core; one call at a time shows what the gateway
        // itself adds to a call.
        var soloGateway = await LoadGenerator.RunAsync("gRPC via gateway, 1 stream", gateway, token, mix, 1, warmUp, duration / 2);
        Print(soloGateway);
        var soloDirect = await LoadGenerator.RunAsync("gRPC direct, 1 stream", direct, token, mix, 1, warmUp, duration / 2);
        Print(soloDirect);

        var p50 = LoadGenerator.Percentile(viaGateway.LatenciesMs, 50) - LoadGenerator.Percentile(toService.LatenciesMs, 50);
        Console.WriteLine();
        Console.WriteLine($"gateway: {viaGateway.Throughput:F0} searches/s, p99 {LoadGenerator.Percentile(viaGateway.LatenciesMs, 99):F1} ms " +
                          $"(goal >= 2000/s, p99 <= 50 ms)");
        Console.WriteLine($"gateway overhead at p50: {p50:F2} ms under {concurrency} streams, " +
                          $"{LoadGenerator.Percentile(soloGateway.LatenciesMs, 50) - LoadGenerator.Percentile(soloDirect.LatenciesMs, 50):F2} ms one call at a time " +
                          $"(goal <= 1 ms); throughput gateway/direct {viaGateway.Throughput / toService.Throughput:P0}");
        Console.WriteLine($"service vs pgbench (same SQL): {toService.Throughput / pgbench.Throughput:P0} of pgbench's rate (goal >= 25%)");
    }

    /// <summary>
    /// The Directory answers from an index it reloads after the seeder's TRUNCATE and COPY: wait until it holds every
    /// listed entry, so the measurement does not catch it loading.
    /// </summary>
    private static async Task WaitUntilServedAsync(string connection, string direct, string token)
    {
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM directory_entries WHERE listed_regional", db);
        var listed = (long)(await count.ExecuteScalarAsync())!;
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(direct);
        var client = new DirectoryService.DirectoryServiceClient(channel);
        var headers = new Grpc.Core.Metadata { { "authorization", "Bearer " + token } };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var page = await client.SearchAsync(new SearchRequest { Directory = "regional", PageSize = 1 }, headers);
            if (page.TotalSize == listed) break;
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
                throw new InvalidOperationException($"The Directory serves {page.TotalSize} of {listed} listed entries after 2 minutes.");
            await Task.Delay(200);
        }
        Console.WriteLine($"Directory serving all {listed} regional entries ({waited.Elapsed.TotalSeconds:F1} s after seeding)");
    }

    private static void Print(LoadResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Target,-28} {r.Requests,8} searches in {r.Seconds:F1} s = {r.Throughput,7:F0}/s  p50 {LoadGenerator.Percentile(r.LatenciesMs, 50),6:F2} ms  " +
        $"p95 {LoadGenerator.Percentile(r.LatenciesMs, 95),6:F2} ms  p99 {LoadGenerator.Percentile(r.LatenciesMs, 99),6:F2} ms  errors {r.Errors}"));

    /// <summary>One pgbench transaction = one search's two statements (count, page), from a sample of the same mix.</summary>
    private static LoadResult RunPgbench(string connection, string pgUri, IEnumerable<SearchRequest> requests, int concurrency, TimeSpan duration, string output)
    {
        var scripts = SqlScripts.WritePgbench(connection, requests, Path.Combine(output, "pgbench-scripts"));
        var logs = Path.Combine(output, "pgbench-log");
        if (System.IO.Directory.Exists(logs)) System.IO.Directory.Delete(logs, recursive: true);
        System.IO.Directory.CreateDirectory(logs);
        var start = new ProcessStartInfo("pgbench") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-n", "-M", "simple", "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-j", "2",
                     "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-l", "--log-prefix", Path.Combine(logs, "pgbench") })
            start.ArgumentList.Add(arg);
        foreach (var script in scripts) { start.ArgumentList.Add("-f"); start.ArgumentList.Add(script); }
        start.ArgumentList.Add(pgUri);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException("pgbench failed: " + stderr.Result);
        File.WriteAllText(Path.Combine(output, "pgbench.out"), stdout.Result);

        // Log lines: client transaction latency_us script epoch epoch_us.
        var latencies = System.IO.Directory.GetFiles(logs).SelectMany(File.ReadLines)
            .Select(l => l.Split(' ')).Where(f => f.Length >= 3)
            .Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / 1000).ToArray();
        Array.Sort(latencies);
        var tps = stdout.Result.Split('\n').First(l => l.StartsWith("tps", StringComparison.Ordinal));
        var seconds = latencies.Length / double.Parse(tps.Split(' ')[2], CultureInfo.InvariantCulture);
        return new LoadResult("pgbench, same SQL", latencies.Length, 0, seconds, latencies);
    }
}
