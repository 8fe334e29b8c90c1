using System.Diagnostics;
using Medimail.Notification.V1;
using Medimail.Testing;
using Xunit.Abstractions;

namespace Medimail.Notification.IntegrationTests;

/// <summary>
/// The Notification service killed (SIGKILL) in the middle of a relaunch of 1,000 people, then restarted: nobody is
/// left out. Delivery is at-least-once: mails handed to the server before the kill but not yet recorded SENT (at most
/// the batches in flight, one sending and one recording per worker) go again under the same Message-ID when their
/// lease ends, so such duplicates are counted and reported, and each must be recognisable.
/// </summary>
[Collection(PlatformFaults.Name)]
public sealed class RelaunchCrashTests(ITestOutputHelper output)
{
    private const int People = 1000;

    [Fact]
    public async Task Killing_the_service_mid_relaunch_of_1000_loses_no_mail_and_every_repeat_carries_the_same_message_id()
    {
        await SentMail.SetSinkModeAsync("accept");
        var domain = Relaunching.UniqueDomain("crash");
        var (structureId, emails) = await Relaunching.StructureWithPreRegisteredAsync(People, domain);

        var relaunch = await Relaunching.StartAsync(structureId);
        Assert.Equal(People, relaunch.RecipientCount);
        var before = await Eventually.GetAsync(() => SentMail.SummariesToAsync("@" + domain), m => m.Count >= 50,
            TimeSpan.FromSeconds(60), "the first mails of the relaunch reach the sink");
        await PlatformCtlAsync("kill");
        var atKill = (await SentMail.SummariesToAsync("@" + domain)).Count;
        await PlatformCtlAsync("start");

        var settled = await Relaunching.SettledAsync(structureId, TimeSpan.FromSeconds(240));
        var received = await SentMail.SummariesToAsync("@" + domain);
        var distinctRecipients = received.SelectMany(m => m.EnvelopeTo).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var duplicates = received.Count - distinctRecipients;
        var distinctMessageIds = received.Select(m => m.MessageId).Distinct().Count();
        output.WriteLine($"relaunch of {People}: {before.Count}+ sent before the kill, {atKill} at the kill; " +
            $"{received.Count} mails received, {distinctRecipients} distinct recipients, {duplicates} duplicate(s), " +
            $"{distinctMessageIds} distinct Message-IDs");

        Assert.Equal(People, distinctRecipients);
        Assert.Equal(emails.ToHashSet(), received.SelectMany(m => m.EnvelopeTo).Select(e => e.ToLowerInvariant()).ToHashSet());
        Assert.All(settled.Recipients, r => Assert.Equal(DeliveryState.Sent, r.DeliveryState));
        // A repeat is the same e-mail again (same Message-ID), never a second, different mail to the same person.
        Assert.Equal(People, distinctMessageIds);
    }

    private async Task PlatformCtlAsync(string action)
    {
        var script = Environment.GetEnvironmentVariable("MEDIMAIL_PLATFORM_CTL") is { Length: > 0 } path ? path
            : throw new InvalidOperationException("MEDIMAIL_PLATFORM_CTL is not set: run the tests through scripts/test.sh.");
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { action, "notification", Environment.GetEnvironmentVariable("MEDIMAIL_INFRA_PROFILE") ?? "test" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine($"platform-ctl {action}: {await stderr}{await stdout}".Trim());
        Assert.True(process.ExitCode == 0, $"platform-ctl {action} notification failed: {await stderr}");
    }
}
