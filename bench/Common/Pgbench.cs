using System.Diagnostics;
using System.Globalization;

namespace Medimail.Bench;

/// <summary>
/// pgbench as a peer: runs it with the given arguments plus a per-transaction log, meters the CPU of pgbench, its
/// backends and the services meanwhile, and reads latencies from the log (client, transaction, latency in µs, ...).
/// </summary>
public static class Pgbench
{
    public static async Task<LoadResult> RunAsync(string target, IEnumerable<string> arguments, string pgUri, string logFolder)
    {
        if (Directory.Exists(logFolder)) Directory.Delete(logFolder, recursive: true);
        Directory.CreateDirectory(logFolder);
        var start = new ProcessStartInfo("pgbench") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Concat(["-l", "--log-prefix", Path.Combine(logFolder, "pgbench"), pgUri]))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var pid = process.Id;
        await using var cpu = CpuMeter.Start(("pgbench", () => [pid]));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The meter samples every 200 ms: pgbench's own last moments are read just before it exits.
        await process.WaitForExitAsync();
        var spent = await cpu.StopAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException("pgbench failed: " + await stderr);
        var output = await stdout;
        File.WriteAllText(Path.Combine(logFolder, "..", "pgbench.out"), output + await stderr);

        var latencies = Directory.GetFiles(logFolder).SelectMany(File.ReadLines)
            .Select(l => l.Split(' ')).Where(f => f.Length >= 3)
            .Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / 1000).ToArray();
        Array.Sort(latencies);
        var tps = output.Split('\n').First(l => l.StartsWith("tps", StringComparison.Ordinal));
        var seconds = latencies.Length / double.Parse(tps.Split(' ')[2], CultureInfo.InvariantCulture);
        var failed = output.Split('\n').FirstOrDefault(l => l.StartsWith("number of failed transactions", StringComparison.Ordinal));
        var errors = failed is null ? 0 : long.Parse(failed.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return new LoadResult(target, latencies.Length, errors, seconds, latencies, spent);
    }
}
