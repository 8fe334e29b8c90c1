using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.Notification.IntegrationTests;

/// <summary>
/// StartRelaunch against the real Identity-Registry (which issues the links and publishes them) and the SMTP sink:
/// who is reached, how many times, and what GetLastRelaunch / ListRelaunches show.
/// </summary>
public sealed class RelaunchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_relaunch_reaches_exactly_the_pre_registered_accounts_of_its_structure_once_each()
    {
        var domain = Relaunching.UniqueDomain("relance");
        var (structureId, emails) = await Relaunching.StructureWithPreRegisteredAsync(4, domain);
        var otherDomain = Relaunching.UniqueDomain("autre");
        var (_, others) = await Relaunching.StructureWithPreRegisteredAsync(2, otherDomain);
        // One of the structure's people is no longer pre-registered: the relaunch leaves them alone.
        var accounts = new AccountService.AccountServiceClient(Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync()));
        await accounts.DisableAccountAsync(new AccountActionRequest { Email = emails[3] });
        var expected = emails.Take(3).ToHashSet();

        var relaunch = await Relaunching.StartAsync(structureId);

        Assert.Equal(3, relaunch.RecipientCount);
        Assert.NotEqual("", relaunch.RequestedBy);
        var settled = await Relaunching.SettledAsync(structureId, Patience);
        Assert.Equal(relaunch.Id, settled.Id);
        Assert.Equal(expected, settled.Recipients.Select(r => r.Email).ToHashSet());
        Assert.All(settled.Recipients, r => Assert.Equal(DeliveryState.Sent, r.DeliveryState));
        foreach (var email in expected)
        {
            var mail = Assert.Single(await SentMail.ToAsync(email));
            Assert.Contains("/enrol/", SentMail.EnrolmentLinkIn(mail));
        }
        Assert.Equal(3, (await SentMail.SummariesToAsync("@" + domain)).Count);
        Assert.Empty(await SentMail.SummariesToAsync("@" + otherDomain));
        Assert.Empty(await SentMail.ToAsync(others[0]));
        var listed = await Notifications.OfAsync(emails[0]);
        Assert.Equal("RELAUNCH", Assert.Single(listed).Kind);
    }

    [Fact]
    public async Task Two_relaunches_started_at_the_same_moment_are_one_relaunch_and_one_mail_per_person()
    {
        var domain = Relaunching.UniqueDomain("simultanee");
        var (structureId, emails) = await Relaunching.StructureWithPreRegisteredAsync(5, domain);

        var both = await Task.WhenAll(Relaunching.StartAsync(structureId), Relaunching.StartAsync(structureId));

        Assert.Equal(both[0].Id, both[1].Id);
        await Relaunching.SettledAsync(structureId, Patience);
        var received = await SentMail.SummariesToAsync("@" + domain);
        Assert.Equal(emails.Order(), received.SelectMany(m => m.EnvelopeTo).Order());
    }

    [Fact]
    public async Task The_same_request_id_returns_the_first_relaunch()
    {
        var (structureId, _) = await Relaunching.StructureWithPreRegisteredAsync(1, Relaunching.UniqueDomain("idempotente"));
        var requestId = Guid.NewGuid().ToString();

        var first = await Relaunching.StartAsync(structureId, requestId);
        await Relaunching.BeyondRepeatWindowAsync(first.Id); // only the requestId can match now
        var again = await Relaunching.StartAsync(structureId, requestId);

        Assert.Equal(first.Id, again.Id);
        var list = await (await Relaunching.ClientAsync()).ListRelaunchesAsync(new ListRelaunchesRequest { StructureId = structureId });
        Assert.Equal(1, list.TotalSize);
    }

    [Fact]
    public async Task The_history_pages_relaunches_newest_first()
    {
        var (structureId, _) = await Relaunching.StructureWithPreRegisteredAsync(1, Relaunching.UniqueDomain("historique"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Relaunching.StartAsync(structureId, Guid.NewGuid().ToString())).Id);
            await Relaunching.BeyondRepeatWindowAsync(ids[^1]); // or the next request would get this one back
        }
        var client = await Relaunching.ClientAsync();

        var first = await client.ListRelaunchesAsync(new ListRelaunchesRequest { StructureId = structureId, PageSize = 2 });
        var second = await client.ListRelaunchesAsync(new ListRelaunchesRequest { StructureId = structureId, PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(3, first.TotalSize);
        Assert.Equal(Enumerable.Reverse(ids), first.Relaunches.Concat(second.Relaunches).Select(r => r.Id));
        Assert.Equal("", second.NextPageToken);
        var last = await client.GetLastRelaunchAsync(new GetLastRelaunchRequest { StructureId = structureId });
        Assert.Equal(ids[^1], last.Id);
    }

    [Fact]
    public async Task A_structure_never_relaunched_has_no_last_relaunch()
    {
        var (structureId, _) = await Relaunching.StructureWithPreRegisteredAsync(1, Relaunching.UniqueDomain("jamais"));

        var error = await Relaunching.RefusedAsync(async () =>
            await (await Relaunching.ClientAsync()).GetLastRelaunchAsync(new GetLastRelaunchRequest { StructureId = structureId }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_connector_may_not_start_a_relaunch()
    {
        var client = await Relaunching.ClientAsync(await NonOperator.ConnectorTokenAsync());

        var error = await Relaunching.RefusedAsync(async () =>
            await client.StartRelaunchAsync(new StartRelaunchRequest { StructureId = Guid.NewGuid().ToString() }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task A_relaunch_without_a_structure_is_invalid_argument_naming_structureId()
    {
        var error = await Relaunching.RefusedAsync(async () =>
            await (await Relaunching.ClientAsync()).StartRelaunchAsync(new StartRelaunchRequest()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("structureId", RpcErrors.FieldsOf(error));
    }
}
