using System.Text.Json.Nodes;
using Medimail.Identity.V1;
using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Audit;

/// <summary>
/// A relaunch is audited twice: by Identity-Registry when the links are issued (who asked, how many), and by
/// Notification once every mail left (RelaunchDelivered, through the AuditRecorded event): the delivery's outcome.
/// </summary>
public sealed class RelaunchAuditTests(IdentityFixture platform) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task A_relaunch_is_audited_with_its_requester_and_then_with_the_mails_delivered()
    {
        var structure = await platform.NewStructureAsync();
        var recipients = new List<string>();
        for (var i = 0; i < 2; i++)
            recipients.Add((await platform.Accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = Testing.Accounts.Per() })).Email);

        var relaunch = await new RelaunchService.RelaunchServiceClient(platform.Channel).StartRelaunchAsync(new StartRelaunchRequest { StructureId = structure.Id });
        foreach (var recipient in recipients)
            await SentMail.WaitForAsync(recipient, Platform.MailTimeout);
        var delivered = await Eventually.GetAsync(
            async () => (await platform.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { StructureId = structure.Id, Action = "RelaunchDelivered" })).Entries.ToList(),
            entries => entries.Count > 0, TimeSpan.FromSeconds(30), "the relaunch's delivery is in the audit");

        var issued = Assert.Single((await platform.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { StructureId = structure.Id, Action = "Relaunch" })).Entries);
        Assert.Equal((TestEnvironment.OperatorClientId, structure.Id), (issued.Actor, issued.Target));
        var entry = Assert.Single(delivered);
        Assert.Equal(("notification", "system", "SUCCEEDED", structure.Id, structure.Id), (entry.Actor, entry.ActorRole, entry.Outcome, entry.Target, entry.StructureId));
        var figures = JsonNode.Parse(entry.After)!;
        Assert.Equal((relaunch.Id, 2, 2, 0), (figures["relaunchId"]!.GetValue<string>(), figures["recipients"]!.GetValue<int>(),
            figures["sent"]!.GetValue<int>(), figures["failed"]!.GetValue<int>()));
    }
}
