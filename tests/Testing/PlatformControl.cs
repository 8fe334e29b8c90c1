using System.Diagnostics;

namespace Medimail.Testing;

/// <summary>
/// Kills, stops or starts one process of the platform through <c>scripts/platform-ctl.sh</c> (exported by
/// <c>scripts/test.sh</c> as <c>MEDIMAIL_PLATFORM_CTL</c>), for tests that need a crash or a stop in the middle of work.
/// The script fails when the process is not running or survives, so a test that asked for a kill knows it happened.
/// </summary>
public static class PlatformControl
{
    /// <summary>SIGKILL: no graceful shutdown, as a crash.</summary>
    public static Task<string> KillAsync(string service) => RunAsync("kill", service);

    /// <summary>SIGTERM: the graceful shutdown a deployment does.</summary>
    public static Task<string> StopAsync(string service) => RunAsync("stop", service);

    /// <summary>Starts the process as the platform does and waits until it answers /health.</summary>
    public static Task<string> StartAsync(string service) => RunAsync("start", service);

    /// <summary>Runs the script; throws with its output when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string action, string service)
    {
        var script = Environment.GetEnvironmentVariable("MEDIMAIL_PLATFORM_CTL") is { Length: > 0 } path ? path
            : throw new InvalidOperationException("MEDIMAIL_PLATFORM_CTL is not set: run the tests through scripts/test.sh.");
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { action, service, Environment.GetEnvironmentVariable("MEDIMAIL_INFRA_PROFILE") ?? "test" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = $"{await stderr}{await stdout}".Trim();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"platform-ctl {action} {service} failed (exit {process.ExitCode}): {output}");
        return output;
    }
}
