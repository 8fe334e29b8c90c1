namespace Medimail.Testing;

/// <summary>
/// A process of the platform scripts/test.sh started (identity, mailbox, directory, notification, gateway): its pid
/// from the pid file next to the logs, and its memory from /proc/&lt;pid&gt;/status.
/// </summary>
public static class PlatformProcess
{
    public static int PidOf(string name)
    {
        var logs = Environment.GetEnvironmentVariable("MEDIMAIL_LOG_DIR") is { Length: > 0 } dir ? dir
            : throw new InvalidOperationException("MEDIMAIL_LOG_DIR is not set: run the tests through scripts/test.sh, which starts the platform.");
        var file = Path.Combine(logs, "..", "pids", name + ".pid");
        return int.Parse(File.ReadAllText(file).Trim());
    }

    /// <summary>Resident memory now and its peak since the process started, in bytes.</summary>
    public static (long Rss, long Peak) MemoryOf(string name)
    {
        var status = File.ReadAllLines($"/proc/{PidOf(name)}/status");
        long Field(string key) => long.Parse(status.Single(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return (Field("VmRSS"), Field("VmHWM"));
    }

    /// <summary>The status of the service's readiness: GET /health on its HTTP port (the platform's env names it).</summary>
    public static async Task<int> ReadyStatusAsync(string name)
    {
        var url = Environment.GetEnvironmentVariable($"MEDIMAIL_{name.ToUpperInvariant()}_HTTP_URL")
            ?? throw new InvalidOperationException($"MEDIMAIL_{name.ToUpperInvariant()}_HTTP_URL is not set.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(url + "/health");
        return (int)response.StatusCode;
    }
}
