using System.Globalization;

namespace Medimail.Bench;

/// <summary>The processes named in BENCH_PIDS, and what /proc says of their memory.</summary>
public static class Processes
{
    public static int? Named(string name) =>
        (Environment.GetEnvironmentVariable("BENCH_PIDS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')).Where(p => p.Length == 2 && p[0] == name)
            .Select(p => int.TryParse(p[1], out var pid) ? pid : (int?)null).FirstOrDefault();

    /// <summary>Resident memory (VmRSS) in KB.</summary>
    public static long RssKb(int pid) => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).First();
}
