using System.Diagnostics;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests;

/// <summary>The outbox's promise: with RabbitMQ down, writes still succeed and their events arrive once it is back.</summary>
public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Accounts_created_while_RabbitMQ_is_stopped_reach_the_directory_after_it_is_back()
    {
        using var rest = await Rest.AsOperatorAsync();
        var structureId = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        var person = await PlatformTests.CreateAsync(rest, structureId, Accounts.Per());

        await InfraAsync("rabbit-stop");
        string orgEmail;
        try
        {
            var org = await PlatformTests.CreateAsync(rest, structureId, Accounts.Org(person["email"]!.GetValue<string>()));
            orgEmail = org["email"]!.GetValue<string>();
            Assert.Equal("ACTIVE", org["state"]!.GetValue<string>());
        }
        finally
        {
            await InfraAsync("rabbit-start");
        }

        var found = await Eventually.GetAsync(
            () => rest.GetOkAsync($"/api/v1/directory/regional/entries?query={Uri.EscapeDataString(orgEmail)}"),
            r => r["entries"]?.AsArray().Count == 1, TimeSpan.FromSeconds(120), "the event staged during the outage reaches the directory");
        Assert.Equal(orgEmail, found["entries"]![0]!["email"]!.GetValue<string>());
    }

    private static async Task InfraAsync(string command)
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
    }
}
