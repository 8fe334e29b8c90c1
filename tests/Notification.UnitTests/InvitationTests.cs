using Medimail.Notification.Domain;
using Medimail.Notification.Mail;

namespace Medimail.Notification.UnitTests;

public sealed class InvitationTests
{
    [Fact]
    public void An_invitation_with_a_relaunch_id_is_a_relaunch()
    {
        Assert.Equal(NotificationKinds.Enrolment, Invitation.KindOf(Invitations.Request()));
        Assert.Equal(NotificationKinds.Relaunch, Invitation.KindOf(Invitations.Request(relaunchId: "r-1")));
    }

    [Fact]
    public void A_link_that_is_not_a_web_address_is_refused_without_being_repeated()
    {
        var request = Invitations.Request() with { EnrolmentUrl = "javascript:alert('secret-token')" };

        var error = Assert.Throws<ArgumentException>(() => Invitation.Values(request));

        Assert.DoesNotContain("secret-token", error.Message);
    }

    [Fact]
    public void The_shipped_templates_render_the_link_structure_requester_and_expiry_in_french()
    {
        var templates = MailTemplates.Load(Path.Combine(AppContext.BaseDirectory, "Templates"));

        foreach (var kind in new[] { NotificationKinds.Enrolment, NotificationKinds.Relaunch })
        {
            var mail = templates.Render(kind, Invitation.Values(Invitations.Request()));

            Assert.DoesNotContain("{{", mail.Subject + mail.TextBody + mail.HtmlBody);
            Assert.Contains("inscription", mail.Subject);
            Assert.Contains(Invitations.Link, mail.TextBody);
            Assert.Contains("EHPAD <Les Mimosas>", mail.TextBody);
            Assert.Contains("admin@ehpad.fr", mail.TextBody);
            Assert.Contains("Camille DURAND", mail.TextBody);
            Assert.Contains("href=\"https://medimail.example/enrol/tok_3f9a8b7c?x=1&amp;y=2\"", mail.HtmlBody);
            Assert.Contains("EHPAD &lt;Les Mimosas&gt;", mail.HtmlBody);
        }
    }

    [Fact]
    public void The_expiry_is_shown_in_paris_time()
    {
        var instant = new DateTimeOffset(2027, 1, 31, 13, 23, 0, TimeSpan.Zero);
        var shown = FrenchDates.DateAndTime(instant);
        Assert.True(shown is "31/01/2027 à 14:23" or "31/01/2027 à 13:23 UTC", shown);
    }
}
