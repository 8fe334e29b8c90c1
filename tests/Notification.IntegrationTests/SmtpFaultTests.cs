using Medimail.Contracts;
using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.Notification.IntegrationTests;

/// <summary>A real SMTP server that refuses for a while, or is down: the mail waits, is retried, and arrives once.</summary>
[Collection(PlatformFaults.Name)]
public sealed class SmtpFaultTests(TestBus bus) : IClassFixture<TestBus>, IAsyncLifetime
{
    public Task InitializeAsync() => SentMail.SetSinkModeAsync("accept");

    public Task DisposeAsync() => SentMail.SetSinkModeAsync("accept");

    [Fact]
    public async Task A_server_answering_451_twice_then_accepting_gets_the_mail_once_on_the_third_attempt()
    {
        var recipient = Unique.Email("tempfail");
        await SentMail.SetSinkModeAsync("tempfail:2");

        await PublishInvitationAsync(recipient);

        var sent = await Notifications.WaitAsync(recipient, list => list.Any(n => n.State == DeliveryState.Sent), "sent after 451s");
        var mail = Assert.Single(sent);
        Assert.Equal(3, mail.Attempts);
        Assert.Equal("", mail.LastError);
        var received = Assert.Single(await SentMail.ToAsync(recipient));
        Assert.Equal(mail.MessageId, received.MessageId);
    }

    [Fact]
    public async Task A_mail_stays_queued_while_the_server_is_down_and_goes_out_once_when_it_comes_back()
    {
        var recipient = Unique.Email("down");
        await SentMail.SetSinkModeAsync("down");

        await PublishInvitationAsync(recipient);

        var waiting = await Notifications.WaitAsync(recipient, list => list.Any(n => n.Attempts >= 1), "a failed attempt");
        var queued = Assert.Single(waiting);
        Assert.Equal(DeliveryState.Queued, queued.State);
        Assert.NotEqual("", queued.LastError);
        Assert.Empty(await SentMail.ToAsync(recipient));

        await SentMail.SetSinkModeAsync("accept");

        var sent = await Notifications.WaitAsync(recipient, list => list.Any(n => n.State == DeliveryState.Sent), "sent after the outage");
        Assert.True(Assert.Single(sent).Attempts >= 2);
        Assert.Single(await SentMail.ToAsync(recipient));
    }

    private Task PublishInvitationAsync(string recipient) =>
        bus.PublishAsync(new EnrolmentInvitationRequested(recipient, Guid.NewGuid().ToString(), "Cabinet Rousseau", "Paul ROUSSEAU",
            $"http://127.0.0.1:18080/enrol/{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddDays(7), "admin@cabinet.fr", RelaunchId: null),
            Guid.NewGuid());
}
