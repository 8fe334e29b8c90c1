using Grpc.Core;
using Medimail.Notification.V1;
using Medimail.Testing;
using Xunit.Abstractions;

namespace Medimail.Notification.IntegrationTests;

/// <summary>
/// The Notification service killed (SIGKILL) in the middle of a relaunch of 1,000 people, then restarted: nobody is
/// left out. Delivery is at-least-once: mails handed to the server before the kill but not yet recorded SENT (at most
/// the batches in flight, one sending and one recording per worker) go again under the same Message-ID when their
/// lease ends, so such duplicates are counted and reported, and each must be recognisable.
/// The sink holds every mail 40 ms until the kill (8 workers: about 200 mails a second at most), so the kill surely
/// lands while some mails are sent and others are not; the test checks that it did.
/// </summary>
[Collection(PlatformFaults.Name)]
public sealed class RelaunchCrashTests(ITestOutputHelper output)
{
    private const int People = 1000;

    [Fact]
    public async Task Killing_the_service_mid_relaunch_of_1000_loses_no_mail_and_every_repeat_carries_the_same_message_id()
    {
        var domain = Relaunching.UniqueDomain("crash");
        var (structureId, emails) = await Relaunching.StructureWithPreRegisteredAsync(People, domain);
        int atKill;
        IReadOnlyList<SentMessage> before;
        await SentMail.SetSinkModeAsync("slow:40");
        try
        {
            var relaunch = await Relaunching.StartAsync(structureId);
            Assert.Equal(People, relaunch.RecipientCount);
            before = await Eventually.GetAsync(() => SentMail.SummariesToAsync("@" + domain), m => m.Count >= 50,
                TimeSpan.FromSeconds(60), "the first mails of the relaunch reach the sink");
            output.WriteLine(await PlatformControl.KillAsync("notification"));
            await AssertNotificationIsDownAsync();
            atKill = (await SentMail.SummariesToAsync("@" + domain)).Count;
        }
        finally
        {
            await SentMail.SetSinkModeAsync("accept");
        }
        Assert.True(atKill is > 0 and < People,
            $"the kill must land mid-relaunch: {atKill} of {People} mails had reached the sink when Notification was killed");
        output.WriteLine(await PlatformControl.StartAsync("notification"));

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

    /// <summary>The process is gone: its gRPC port refuses the call.</summary>
    private static async Task AssertNotificationIsDownAsync()
    {
        var client = await Relaunching.ClientAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetLastRelaunchAsync(new GetLastRelaunchRequest { StructureId = Guid.NewGuid().ToString() },
                deadline: DateTime.UtcNow.AddSeconds(10)));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }
}
