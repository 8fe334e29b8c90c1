using System.Diagnostics;

namespace Medimail.Deployment.Tests;

/// <summary>An overlay as <c>kubectl kustomize</c> renders it: what the cluster would be given.</summary>
public static class Rendered
{
    public static async Task<string> OverlayAsync(string overlay)
    {
        var kubectl = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "kubectl")).FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException("kubectl is not installed: it renders the overlays (apt-get install kubectl, or the project's machine image).");
        using var process = Process.Start(new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(Repository.K8s, "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize k8s/overlays/{overlay} failed: {await error}");
        return await output;
    }
}
