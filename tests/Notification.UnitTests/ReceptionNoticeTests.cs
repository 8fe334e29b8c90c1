using Medimail.Contracts;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;

namespace Medimail.Notification.UnitTests;

public sealed class ReceptionNoticeTests
{
    private static SharedMailboxMessageReceived Received(string displayName = "Radiologie") =>
        new("radiologie@clinique.mssante.fr", displayName, ["secretariat@clinique.fr"], new DateTimeOffset(2027, 1, 31, 13, 23, 0, TimeSpan.Zero));

    [Fact]
    public void The_shipped_reception_template_names_the_box_and_the_time_in_french()
    {
        var templates = MailTemplates.Load(Path.Combine(AppContext.BaseDirectory, "Templates"));

        var mail = templates.Render(NotificationKinds.ReceptionNotice, ReceptionNotice.Values(Received()));

        Assert.Equal("Nouveau message dans la boîte partagée Radiologie", mail.Subject);
        Assert.Contains("radiologie@clinique.mssante.fr", mail.TextBody);
        Assert.Contains("31/01/2027 à 14:23", mail.TextBody);
        Assert.Contains("ni le contenu", mail.HtmlBody);
    }

    [Fact]
    public void A_box_without_a_display_name_is_named_by_its_address()
    {
        Assert.Equal("radiologie@clinique.mssante.fr", ReceptionNotice.Values(Received(displayName: " "))["mailboxName"]);
    }

    [Fact]
    public void A_display_name_cannot_add_a_line_to_the_subject()
    {
        Assert.Equal("Radiologie Bcc: x@y.fr", ReceptionNotice.Values(Received(displayName: "Radiologie\r\nBcc: x@y.fr"))["mailboxName"]);
    }
}
