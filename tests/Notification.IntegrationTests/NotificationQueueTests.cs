using Grpc.Core;
using Medimail.Contracts;
using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.Notification.IntegrationTests;

/// <summary>An enrolment request on the real broker becomes one French e-mail, sent, and listed in the history.</summary>
public sealed class NotificationQueueTests(TestBus bus) : IClassFixture<TestBus>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string InvitationQueue = "notification-enrolment-invitation-requested";

    [Fact]
    public async Task An_enrolment_invitation_is_sent_once_and_listed_as_sent()
    {
        var recipient = Unique.Email("camille.durand");
        var structureName = $"EHPAD Les Mimosas {Unique.Suffix()}";
        var link = $"http://127.0.0.1:18080/enrol/{Guid.NewGuid():N}";
        var messageId = Guid.NewGuid();
        var request = new EnrolmentInvitationRequested(recipient, Guid.NewGuid().ToString(), structureName, "Camille DURAND",
            link, DateTimeOffset.UtcNow.AddDays(7), "admin@ehpad.fr", RelaunchId: null);

        var errors = await Queues.ErrorsAsync(InvitationQueue);
        await bus.PublishAsync(request, messageId);
        await bus.PublishAsync(request, messageId);

        // Both deliveries consumed (the queue drained), and the mail sent: only then is "once" worth checking.
        await Queues.DrainedAsync(InvitationQueue, errors);
        var sent = await WaitForAsync(recipient, list => list.Notifications.Any(n => n.State == DeliveryState.Sent));
        var mail = Assert.Single(sent.Notifications);
        Assert.Equal("ENROLMENT", mail.Kind);
        Assert.Equal(1, mail.Attempts);
        Assert.Equal("", mail.LastError);
        Assert.NotNull(mail.SentTime);
        Assert.Contains("@", mail.MessageId);
        Assert.Equal(1, sent.TotalSize);

        // What really crossed SMTP: the sink the test platform sends to.
        var received = Assert.Single(await SentMail.WaitForAsync(recipient, Patience));
        Assert.Equal(mail.MessageId, received.MessageId);
        Assert.Equal([recipient], received.To);
        Assert.Contains("inscription", received.Subject);
        Assert.Contains(link, received.TextBody);
        Assert.Contains(structureName, received.TextBody);
        Assert.Contains("admin@ehpad.fr", received.TextBody);
        Assert.Contains($"href=\"{link}\"", received.HtmlBody);
    }

    [Fact]
    public async Task An_invitation_carrying_a_relaunch_id_is_listed_as_a_relaunch()
    {
        var recipient = Unique.Email("leo.martin");
        await bus.PublishAsync(new EnrolmentInvitationRequested(recipient, Guid.NewGuid().ToString(), "Cabinet Martin", "Léo MARTIN",
            $"http://127.0.0.1:18080/enrol/{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddDays(7), "admin@ehpad.fr",
            RelaunchId: Guid.NewGuid().ToString()), Guid.NewGuid());

        var listed = await WaitForAsync(recipient, list => list.Notifications.Count == 1);
        Assert.Equal("RELAUNCH", listed.Notifications[0].Kind);
    }

    [Fact]
    public async Task The_history_of_one_recipient_pages_newest_first_with_a_total()
    {
        var recipient = Unique.Email("page");
        for (var i = 0; i < 3; i++)
        {
            await bus.PublishAsync(new EnrolmentInvitationRequested(recipient, "structure", "Cabinet", "Personne",
                $"http://127.0.0.1:18080/enrol/{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddDays(7), "admin@ehpad.fr", null), Guid.NewGuid());
        }
        await WaitForAsync(recipient, list => list.TotalSize == 3);
        var client = await ClientAsync();

        var first = await client.ListNotificationsAsync(new ListNotificationsRequest { Recipient = recipient, PageSize = 2 });
        var second = await client.ListNotificationsAsync(new ListNotificationsRequest { Recipient = recipient, PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(2, first.Notifications.Count);
        Assert.NotEqual("", first.NextPageToken);
        Assert.Single(second.Notifications);
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(3, second.TotalSize);
        var all = first.Notifications.Concat(second.Notifications).ToList();
        Assert.Equal(3, all.Select(n => n.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(n => n.CreateTime).Select(n => n.Id), all.Select(n => n.Id));
    }

    [Fact]
    public async Task A_forged_page_token_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await (await ClientAsync()).ListNotificationsAsync(new ListNotificationsRequest { PageToken = "forged" }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Listing_notifications_is_permission_denied_to_anyone_but_an_operator()
    {
        var client = new NotificationService.NotificationServiceClient(
            Channels.Create(TestEnvironment.NotificationGrpcUrl, await NonOperator.ConnectorTokenAsync()));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ListNotificationsAsync(new ListNotificationsRequest()));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    private static async Task<NotificationService.NotificationServiceClient> ClientAsync() =>
        new(Channels.Create(TestEnvironment.NotificationGrpcUrl, await Tokens.OperatorAsync()));

    private static async Task<ListNotificationsResponse> WaitForAsync(string recipient, Func<ListNotificationsResponse, bool> done)
    {
        var client = await ClientAsync();
        return await Eventually.GetAsync(
            async () => await client.ListNotificationsAsync(new ListNotificationsRequest { Recipient = recipient },
                deadline: DateTime.UtcNow.AddSeconds(5)),
            done, Patience, $"notifications of {recipient} reach the expected state");
    }
}
