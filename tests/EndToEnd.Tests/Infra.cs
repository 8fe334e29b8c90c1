using System.Diagnostics;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests;

/// <summary>scripts/infra.sh on the test profile: stop and start PostgreSQL or RabbitMQ under the running platform.</summary>
internal static class Infra
{
    public static async Task RunAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [TestEnvironment.InfraScript, command, TestEnvironment.InfraProfile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"infra.sh {command} failed: {await output}{await error}");
        // A PostgreSQL stop or restart ends the backends of this test process's pooled connections too: the tests
        // that come next must not inherit them (the services' own pools recover by themselves).
        if (command.StartsWith("pg-", StringComparison.Ordinal))
            Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
