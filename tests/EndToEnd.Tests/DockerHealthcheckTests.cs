using System.Diagnostics;
using System.Text.Json;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests;

/// <summary>
/// The image's <c>HEALTHCHECK</c> (deploy/Dockerfile) without a container engine: its exact command, read from the
/// Dockerfile, run as Docker runs it (exec form, the container's environment) against a running service process.
/// </summary>
public sealed class DockerHealthcheckTests
{
    [Fact]
    public async Task The_image_healthcheck_is_healthy_while_the_service_is_ready_and_unhealthy_while_its_database_is_down()
    {
        var command = HealthcheckCommand();
        var directoryPort = new Uri(Environment.GetEnvironmentVariable("MEDIMAIL_DIRECTORY_HTTP_URL")
            ?? throw new InvalidOperationException("MEDIMAIL_DIRECTORY_HTTP_URL is not set: run the tests through scripts/test.sh.")).Port;
        Assert.Equal(0, await RunAsync(command, directoryPort));

        await Infra.RunAsync("pg-stop");
        try
        {
            await Eventually.GetAsync(() => RunAsync(command, directoryPort), code => code != 0, TimeSpan.FromSeconds(60),
                "the HEALTHCHECK reports the Directory unhealthy without its database");
        }
        finally
        {
            await Infra.RunAsync("pg-start");
        }
        await Eventually.GetAsync(() => RunAsync(command, directoryPort), code => code == 0, TimeSpan.FromSeconds(120),
            "the HEALTHCHECK reports the Directory healthy again once PostgreSQL is back");
    }

    /// <summary>The exec-form array after CMD in the HEALTHCHECK instruction, continuation lines joined.</summary>
    private static string[] HealthcheckCommand()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "Dockerfile")).Replace("\\\n", " ");
        var instruction = dockerfile.Split('\n').Single(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        var json = instruction[(instruction.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..].Trim();
        return JsonSerializer.Deserialize<string[]>(json)!;
    }

    /// <summary>Docker's exit code convention: 0 healthy, anything else unhealthy; the 3 s timeout of the instruction kept.</summary>
    private static async Task<int> RunAsync(string[] command, int httpPort)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command[1..])
            start.ArgumentList.Add(arg);
        // What the container's environment gives the process (docker-compose.yml, k8s ConfigMap): its HTTP port.
        start.Environment["Ports__Http"] = httpPort.ToString();
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return -1;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "deploy", "Dockerfile")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No deploy/Dockerfile above {AppContext.BaseDirectory}.");
    }
}
