using System.Diagnostics;
using System.Globalization;

namespace Medimail.Bench;

public sealed record LoadResult(string Target, long Calls, long Errors, double Seconds, double[] LatenciesMs, IReadOnlyDictionary<string, double> Cpu)
{
    public double Throughput => Calls / Seconds;
    public double P(double percentile) => Load.Percentile(LatenciesMs, percentile);

    /// <summary>One line of figures, then the CPU seconds each process spent during the measurement.</summary>
    public void Print(string unit = "calls")
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Target,-34} {Calls,8} {unit} in {Seconds:F1} s = {Throughput,7:F0}/s  p50 {P(50),6:F2} ms  p95 {P(95),6:F2} ms  p99 {P(99),6:F2} ms  errors {Errors}"));
        Console.WriteLine("    CPU s: " + string.Join("  ", Cpu.Where(c => c.Value > 0).OrderByDescending(c => c.Value)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:F2}"))));
    }
}

/// <summary>
/// A closed loop: N calls in flight at all times (one loop per stream), a warm-up, then a measured period during which
/// every call's latency is kept and the processes' CPU is metered. A call answers true when it succeeded.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(string target, int concurrency, TimeSpan warmUp, TimeSpan duration,
        Func<int, long, CancellationToken, Task<bool>> call, params (string Name, Func<IEnumerable<int>> Pids)[] processes)
    {
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new List<double>(65_536)).ToArray();
        var errors = new long[concurrency];

        async Task Worker(int stream)
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await call(stream, i, stop.Token); }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
                if (!Volatile.Read(ref measuring)) continue;
                if (ok) latencies[stream].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else errors[stream]++;
            }
        }

        var workers = Enumerable.Range(0, concurrency).Select(s => Task.Run(() => Worker(s))).ToArray();
        await Task.Delay(warmUp);
        var cpu = CpuMeter.Start(processes);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        var spent = await cpu.StopAsync();
        await cpu.DisposeAsync();
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(target, all.Length, errors.Sum(), seconds, all, spent);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

    public static string Ratio(double numerator, double denominator) =>
        string.Create(CultureInfo.InvariantCulture, $"{numerator / denominator:P0}");
}
