using Medimail.Bench;

namespace Medimail.DirectoryBench;

/// <summary>
/// Two gateways in front of the same Directory, measured in turns (A, B, A, B) in one run, so a change to the gateway
/// is judged under the same load from the other processes of a shared machine: throughput against direct at N
/// streams and the gateway's CPU per call, on the search mix and on a cheap call (GetEntry), and the p50 one call at a
/// time. BENCH_PIDS names the gateways "gateway" (A) and "gateway_b" (B).
/// </summary>
internal static class GatewayComparison
{
    public static async Task RunAsync(string connection, string token, string gatewayA, string gatewayB, string direct,
        TimeSpan duration, int concurrency, int seed, int rounds)
    {
        var mix = await QueryMix.CreateAsync(connection, 20_000, seed);
        var emails = await QueryMix.EmailsAsync(connection);
        var warmUp = TimeSpan.FromSeconds(2);
        var results = new Dictionary<string, List<LoadResult>>();
        void Keep(string key, LoadResult r) { r.Print(); (results.TryGetValue(key, out var l) ? l : results[key] = []).Add(r); }

        for (var round = 1; round <= rounds; round++)
        {
            Console.WriteLine($"--- round {round}");
            foreach (var (label, address) in new[] { ("A", gatewayA), ("B", gatewayB), ("direct", direct) })
            {
                Keep($"search {label}", await LoadGenerator.RunAsync($"search via {label}", address, token, mix, concurrency, warmUp, duration));
                Keep($"get {label}", await LoadGenerator.GetEntriesAsync($"GetEntry via {label}", address, token, emails, concurrency, warmUp, duration));
                Keep($"solo {label}", await LoadGenerator.GetEntriesAsync($"GetEntry via {label}, 1 stream", address, token, emails, 1, warmUp, duration / 2));
            }
        }

        Console.WriteLine();
        Console.WriteLine("gateway   search/direct  GetEntry/direct  CPU ms/search  CPU ms/GetEntry  p50 added, 1 stream (GetEntry)");
        foreach (var (label, pid) in new[] { ("A", "gateway"), ("B", "gateway_b") })
        {
            double Rate(string key) => results[key].Sum(r => r.Calls) / results[key].Sum(r => r.Seconds);
            double CpuPerCall(string key) => 1000 * results[key].Sum(r => r.Cpu.GetValueOrDefault(pid)) / results[key].Sum(r => r.Calls);
            double P50(string key) => results[key].Average(r => r.P(50));
            Console.WriteLine($"{label,-9} {Load.Ratio(Rate($"search {label}"), Rate("search direct")),13}  {Load.Ratio(Rate($"get {label}"), Rate("get direct")),15}  " +
                              $"{CpuPerCall($"search {label}"),13:F3}  {CpuPerCall($"get {label}"),15:F3}  {P50($"solo {label}") - P50("solo direct"),8:F2} ms");
        }
    }
}
