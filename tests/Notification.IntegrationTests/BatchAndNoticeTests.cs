using Medimail.Contracts;
using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.Notification.IntegrationTests;

/// <summary>Batched invitations (relaunches, imports) and reception notices, from the real broker to the SMTP sink.</summary>
public sealed class BatchAndNoticeTests(TestBus bus) : IClassFixture<TestBus>
{
    private const string BatchQueue = "notification-enrolment-invitations-requested";

    [Fact]
    public async Task A_batch_of_invitations_sends_each_person_their_own_link_once_even_when_redelivered()
    {
        var structureName = $"Centre hospitalier {Unique.Suffix()}";
        var invitations = Enumerable.Range(0, 3).Select(i => new EnrolmentInvitation(
            Unique.Email($"personne{i}"), $"Personne {i}", $"http://127.0.0.1:18080/enrol/{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddDays(7)))
            .ToList();
        var batch = new EnrolmentInvitationsRequested(Guid.NewGuid().ToString(), structureName, "admin@chu.fr", RelaunchId: null, invitations);
        var messageId = Guid.NewGuid();

        var errors = await Queues.ErrorsAsync(BatchQueue);
        await bus.PublishAsync(batch, messageId);
        await bus.PublishAsync(batch, messageId);
        // Both deliveries consumed before "once" is checked.
        await Queues.DrainedAsync(BatchQueue, errors);

        foreach (var invitation in invitations)
        {
            var link = await SentMail.EnrolmentLinkForAsync(invitation.Email, Notifications.Patience);
            Assert.Equal(invitation.EnrolmentUrl, link);
            var sent = await Notifications.WaitAsync(invitation.Email, list => list.Any(n => n.State == DeliveryState.Sent), "invitation sent");
            Assert.Equal("ENROLMENT", Assert.Single(sent).Kind);
            var received = Assert.Single(await SentMail.ToAsync(invitation.Email));
            Assert.Contains(structureName, received.TextBody);
            Assert.Contains(invitation.DisplayName, received.TextBody);
        }
    }

    [Fact]
    public async Task A_message_in_a_shared_box_sends_each_person_who_asked_one_notice_without_the_content()
    {
        var first = Unique.Email("secretariat");
        var second = Unique.Email("accueil");
        var box = Unique.Email("radiologie", "clinique.mssante.fr");
        var messageId = Guid.NewGuid();
        await bus.PublishAsync(new SharedMailboxMessageReceived(box, "Radiologie de la clinique", [first, second.ToUpperInvariant(), second],
            DateTimeOffset.UtcNow), messageId);
        // The consumer queues every notice of the message in the transaction that records it.
        await ProcessedMessages.WaitAsync("notification", messageId);

        foreach (var recipient in new[] { first, second })
        {
            var listed = await Notifications.WaitAsync(recipient, list => list.Count > 0 && list.All(n => n.State == DeliveryState.Sent), "notices sent");
            Assert.Equal("RECEPTION_NOTICE", Assert.Single(listed).Kind);
            var notice = Assert.Single(await SentMail.ToAsync(recipient));
            Assert.Contains("Radiologie de la clinique", notice.Subject);
            Assert.Contains(box, notice.TextBody);
            Assert.Contains("ne contient ni l'expéditeur, ni l'objet, ni le contenu", notice.TextBody);
        }
    }
}
