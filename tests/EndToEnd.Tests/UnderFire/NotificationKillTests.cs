using Grpc.Core;
using Medimail.Notification.V1;
using Medimail.Testing;
using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests.UnderFire;

/// <summary>
/// Notification killed (SIGKILL) in the middle of a relaunch of 1,000 imported people, then started again: no mail is
/// missing, and the mails sent twice are no more than those the SMTP server had accepted on the connections the kill
/// cut (the sink counts the connections ended without QUIT and what they carried). A mail is recorded SENT after the
/// server accepted it, so a kill between the two sends it again when its lease ends, never more.
/// </summary>
public sealed class NotificationKillTests(ITestOutputHelper output)
{
    private const int People = 1000;

    [Fact]
    public async Task Notification_killed_mid_relaunch_misses_no_mail_and_repeats_no_more_than_the_cut_connections_carried()
    {
        using var drill = await ImportDrill.CreateAsync(output);
        var domain = $"relance-{Unique.Suffix()}.underfire.medimail.fr";
        var people = await drill.StartAsync("people to relaunch", People, domain);
        await ImportDrill.SucceededAsync(people);
        var relaunches = new RelaunchService.RelaunchServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync()));

        SinkStats before, after;
        int atKill;
        // Each mail held 40 ms by the sink: the relaunch takes seconds, so the kill surely lands in the middle of it.
        await SentMail.SetSinkModeAsync("slow:40");
        try
        {
            var relaunch = await relaunches.StartRelaunchAsync(new StartRelaunchRequest { StructureId = people.StructureId }, deadline: DateTime.UtcNow.AddSeconds(120));
            Assert.Equal(People, relaunch.RecipientCount);
            await Eventually.GetAsync(() => SentMail.SummariesToAsync("@" + domain), m => m.Count >= 50,
                TimeSpan.FromSeconds(60), "the first mails of the relaunch reach the sink");
            before = await SentMail.StatsAsync();
            output.WriteLine(await PlatformControl.KillAsync("notification"));
            // The kernel closes the dead process's sockets: the sink sees its connections end without QUIT.
            after = await Eventually.GetAsync(SentMail.StatsAsync, s => s.OpenConnections == 0, TimeSpan.FromSeconds(30),
                "the killed service's SMTP connections closed");
            atKill = (await SentMail.SummariesToAsync("@" + domain)).Count;
        }
        finally
        {
            await SentMail.SetSinkModeAsync("accept");
        }
        Assert.True(atKill is > 0 and < People, $"the kill must land mid-relaunch: {atKill} of {People} mails had reached the sink");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        output.WriteLine(await PlatformControl.StartAsync("notification"));

        var settled = await Eventually.GetAsync(
            async () => await relaunches.GetLastRelaunchAsync(new GetLastRelaunchRequest { StructureId = people.StructureId }, deadline: DateTime.UtcNow.AddSeconds(30)),
            r => r.Recipients.Count == People && r.Recipients.All(x => x.DeliveryState != DeliveryState.Queued),
            TimeSpan.FromSeconds(120), "every recipient of the relaunch SENT or FAILED");
        var received = await SentMail.SummariesToAsync("@" + domain);
        var recipients = received.SelectMany(m => m.EnvelopeTo).Select(e => e.ToLowerInvariant()).ToList();
        var distinct = recipients.Distinct().Count();
        var duplicates = recipients.Count - distinct;
        var cut = after.ConnectionsCut - before.ConnectionsCut;
        var carried = after.MessagesOnCutConnections - before.MessagesOnCutConnections;
        output.WriteLine($"relaunch of {People}: {atKill} mails at the kill; {cut} SMTP connection(s) cut by it carrying {carried} mail(s); " +
            $"{received.Count} received, {distinct} distinct recipients, {duplicates} duplicate(s); settled {clock.Elapsed.TotalSeconds:F1} s after the restart");

        Assert.All(settled.Recipients, r => Assert.Equal(DeliveryState.Sent, r.DeliveryState));
        Assert.Equal(People, distinct);
        Assert.True(cut > 0, "the kill must cut at least one SMTP connection in flight");
        Assert.True(duplicates <= carried, $"{duplicates} mails sent twice, more than the {carried} accepted on the {cut} connections the kill cut");
    }
}
