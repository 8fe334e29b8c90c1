using System.Globalization;

namespace Medimail.Bench;

/// <summary>
/// CPU seconds (user + system, from /proc/&lt;pid&gt;/stat) spent by named processes during a measurement: the services,
/// the peer, PostgreSQL's backends (every child of the postmaster) and the bench itself. Sampled every 200 ms, so a
/// process that starts and ends inside the measurement (a pgbench backend) is counted up to its last sample.
/// </summary>
public sealed class CpuMeter : IAsyncDisposable
{
    private readonly Dictionary<string, Func<IEnumerable<int>>> processes;
    private readonly Dictionary<(string Name, int Pid), (long First, long Last)> ticks = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampler;
    private readonly TimeSpan benchStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    private CpuMeter(Dictionary<string, Func<IEnumerable<int>>> processes)
    {
        this.processes = processes;
        Sample(initial: true);
        sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            try { while (await timer.WaitForNextTickAsync(stop.Token)) Sample(initial: false); }
            catch (OperationCanceledException) { }
        });
    }

    /// <summary>
    /// BENCH_PIDS ("gateway=123 directory=456"), BENCH_PG_PID (the postmaster: its children are the backends) and
    /// any extra processes the scenario started itself (pgbench, slapd).
    /// </summary>
    public static CpuMeter Start(params (string Name, Func<IEnumerable<int>> Pids)[] extra)
    {
        var processes = new Dictionary<string, Func<IEnumerable<int>>>();
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_PIDS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            if (parts.Length == 2 && int.TryParse(parts[1], out var pid))
                processes[parts[0]] = () => [pid];
        }
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_PG_PID"), out var postmaster))
            processes["postgres"] = () => ChildrenOf(postmaster);
        foreach (var (name, pids) in extra)
            processes[name] = pids;
        return new CpuMeter(processes);
    }

    public static Func<IEnumerable<int>> Tree(int pid) => () => ChildrenOf(pid).Prepend(pid);

    /// <summary>Stops sampling; CPU seconds per name over the measurement, the bench's own included.</summary>
    public async Task<IReadOnlyDictionary<string, double>> StopAsync()
    {
        Sample(initial: false);
        await stop.CancelAsync();
        await sampler;
        var result = ticks.GroupBy(t => t.Key.Name).ToDictionary(g => g.Key, g => g.Sum(t => t.Value.Last - t.Value.First) / 100.0);
        foreach (var name in processes.Keys) result.TryAdd(name, 0);
        result["bench"] = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - benchStart).TotalSeconds;
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested) await stop.CancelAsync();
        await sampler;
        stop.Dispose();
    }

    private void Sample(bool initial)
    {
        lock (ticks)
        {
            foreach (var (name, pids) in processes)
                foreach (var pid in pids())
                {
                    if (ReadTicks(pid) is not { } now) continue;
                    // A process first seen after the start (a new backend) began inside the measurement: count it all.
                    ticks[(name, pid)] = ticks.TryGetValue((name, pid), out var seen) ? (seen.First, now) : (initial ? now : 0, now);
                }
        }
    }

    private static long? ReadTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state is field 3, utime 14 and stime 15 (man 5 proc), i.e. indexes 11 and 12 here.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == parent.ToString(CultureInfo.InvariantCulture)) children.Add(pid);
            }
            catch (IOException) { }
        }
        return children;
    }
}
