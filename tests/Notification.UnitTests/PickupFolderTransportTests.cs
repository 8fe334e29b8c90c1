using Medimail.Notification.Domain;
using Medimail.Notification.Mail;
using MimeKit;

namespace Medimail.Notification.UnitTests;

public sealed class PickupFolderTransportTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "medimail-pickup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_mail_becomes_one_eml_file_named_by_its_message_id_with_both_bodies()
    {
        var content = new MimeComposer(MailboxAddress.Parse(SmtpOptions.DevelopmentFrom)).Compose("camille.durand@ehpad.fr",
            new RenderedMail("Finalisez votre inscription", "Bonjour, voici le lien.", "<p>Bonjour</p>"),
            "abc123@medimail.fr", DateTimeOffset.UtcNow);
        await using var transport = new PickupFolderTransport(folder);

        await transport.SendAsync(new OutgoingMail("abc123@medimail.fr", "camille.durand@ehpad.fr", content), CancellationToken.None);

        Assert.Equal(["abc123@medimail.fr.eml"], System.IO.Directory.GetFiles(folder).Select(Path.GetFileName));
        var written = await MimeMessage.LoadAsync(Path.Combine(folder, "abc123@medimail.fr.eml"));
        Assert.Equal("abc123@medimail.fr", written.MessageId);
        Assert.Equal("camille.durand@ehpad.fr", written.To.Mailboxes.Single().Address);
        Assert.Equal("Finalisez votre inscription", written.Subject);
        Assert.Equal("auto-generated", written.Headers["Auto-Submitted"]);
        Assert.Contains("voici le lien", written.TextBody);
        Assert.Contains("<p>Bonjour</p>", written.HtmlBody);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(folder))
            System.IO.Directory.Delete(folder, recursive: true);
    }
}
