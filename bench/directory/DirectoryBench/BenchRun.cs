using System.Diagnostics;
using System.Globalization;
using Medimail.Bench;
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
        var warmUp = TimeSpan.FromSeconds(3);
        await WaitUntilServedAsync(connection, direct, token);
        PrintMemory();

        var viaGateway = await LoadGenerator.RunAsync("gRPC via gateway", gateway, token, mix, concurrency, warmUp, duration);
        viaGateway.Print("searches");
        var toService = await LoadGenerator.RunAsync("gRPC direct to Directory", direct, token, mix, concurrency, warmUp, duration);
        toService.Print("searches");
        var emails = await QueryMix.EmailsAsync(connection);
        var cheapGateway = await LoadGenerator.GetEntriesAsync("GetEntry via gateway", gateway, token, emails, concurrency, warmUp, duration);
        cheapGateway.Print("calls");
        var cheapDirect = await LoadGenerator.GetEntriesAsync("GetEntry direct to Directory", direct, token, emails, concurrency, warmUp, duration);
        cheapDirect.Print("calls");
        LoadResult? slapd = null;
        if (Environment.GetEnvironmentVariable("BENCH_LDAP_URI") is { Length: > 0 } ldap)
        {
            slapd = await LdapLoad.RunAsync("LDAP to slapd (OpenLDAP)", ldap, mix, concurrency, warmUp, duration);
            slapd.Print("searches");
        }
        LoadResult? pgbench = null;
        if (Environment.GetEnvironmentVariable("BENCH_PGBENCH") != "0")
        {
            pgbench = await RunPgbenchAsync(connection, pgUri, mix.Take(PgbenchScripts), concurrency, duration, output);
            pgbench.Print("searches");
        }
        // Under 64 streams on 2 cores, latency is mostly queueing for a core; one call at a time shows what the gateway
        // itself adds to a call.
        var soloGateway = await LoadGenerator.RunAsync("gRPC via gateway, 1 stream", gateway, token, mix, 1, warmUp, duration / 2);
        soloGateway.Print("searches");
        var soloDirect = await LoadGenerator.RunAsync("gRPC direct, 1 stream", direct, token, mix, 1, warmUp, duration / 2);
        soloDirect.Print("searches");
        var soloCheapGateway = await LoadGenerator.GetEntriesAsync("GetEntry via gateway, 1 stream", gateway, token, emails, 1, warmUp, duration / 2);
        soloCheapGateway.Print("calls");
        var soloCheapDirect = await LoadGenerator.GetEntriesAsync("GetEntry direct, 1 stream", direct, token, emails, 1, warmUp, duration / 2);
        soloCheapDirect.Print("calls");

        Console.WriteLine();
        Console.WriteLine($"gateway: {viaGateway.Throughput:F0} searches/s, p99 {viaGateway.P(99):F1} ms; throughput gateway/direct " +
                          $"{Load.Ratio(viaGateway.Throughput, toService.Throughput)} (goal >= 75 %)");
        Console.WriteLine($"gateway added at p50: {viaGateway.P(50) - toService.P(50):F2} ms under {concurrency} streams, " +
                          $"{soloGateway.P(50) - soloDirect.P(50):F2} ms one call at a time (goal <= 0.5 ms)");
        Console.WriteLine($"cheap call (GetEntry): gateway/direct {Load.Ratio(cheapGateway.Throughput, cheapDirect.Throughput)} at {concurrency} streams " +
                          $"(goal >= 75 %); added at p50 one call at a time {soloCheapGateway.P(50) - soloCheapDirect.P(50):F2} ms (goal <= 0.5 ms); " +
                          $"gateway CPU per call {1000 * cheapGateway.Cpu.GetValueOrDefault("gateway") / cheapGateway.Calls:F3} ms");
        Console.WriteLine($"gateway CPU per search {1000 * viaGateway.Cpu.GetValueOrDefault("gateway") / viaGateway.Calls:F3} ms; " +
                          $"Directory CPU per search {1000 * toService.Cpu.GetValueOrDefault("directory") / toService.Calls:F3} ms");
        if (slapd is not null)
        {
            Console.WriteLine($"vs slapd: direct {Load.Ratio(toService.Throughput, slapd.Throughput)} of slapd's rate (goal >= 100 %), " +
                              $"gateway {Load.Ratio(viaGateway.Throughput, slapd.Throughput)} (goal >= 75 %); p99 gateway {viaGateway.P(99):F1} ms " +
                              $"(goal <= 25 ms), direct {toService.P(99):F1} ms, slapd {slapd.P(99):F1} ms");
            Console.WriteLine($"slapd CPU per search {1000 * slapd.Cpu.GetValueOrDefault("slapd") / slapd.Calls:F3} ms");
        }
        if (pgbench is not null)
            Console.WriteLine($"service vs pgbench (same SQL): {Load.Ratio(toService.Throughput, pgbench.Throughput)} of pgbench's rate");
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

    /// <summary>The Directory's resident memory now, less what it held with an empty index, per entry it serves.</summary>
    private static void PrintMemory()
    {
        if (Processes.Named("directory") is not { } pid || !long.TryParse(Environment.GetEnvironmentVariable("BENCH_DIRECTORY_RSS_EMPTY_KB"), out var empty)
            || !long.TryParse(Environment.GetEnvironmentVariable("BENCH_ENTRIES"), out var entries) || entries == 0)
            return;
        var now = Processes.RssKb(pid);
        Console.WriteLine($"Directory memory: RSS {empty / 1024} MB empty, {now / 1024} MB with {entries} entries: " +
                          $"{(now - empty) * 1024.0 / entries:F0} bytes per entry (goal <= 1 KB)");
    }

    /// <summary>One pgbench transaction = one search's two statements (count, page), from a sample of the same mix.</summary>
    private static Task<LoadResult> RunPgbenchAsync(string connection, string pgUri, IEnumerable<SearchRequest> requests, int concurrency, TimeSpan duration, string output)
    {
        var scripts = SqlScripts.WritePgbench(connection, requests, Path.Combine(output, "pgbench-scripts"));
        var arguments = new List<string> { "-n", "-M", "simple", "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
        foreach (var script in scripts) arguments.AddRange(["-f", script]);
        return Pgbench.RunAsync("pgbench, same SQL", arguments, pgUri, Path.Combine(output, "pgbench-log"));
    }
}
