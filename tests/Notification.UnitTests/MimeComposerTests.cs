using System.Text;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;
using MimeKit;

namespace Medimail.Notification.UnitTests;

public sealed class MimeComposerTests
{
    private static readonly MimeComposer Composer = new(MailboxAddress.Parse("Medimail <ne-pas-repondre@test.medimail.fr>"));
    private static readonly DateTimeOffset Date = new(2027, 1, 31, 14, 23, 0, TimeSpan.FromHours(1));

    private static readonly RenderedMail French = new(
        "Rappel Medimail : votre inscription à la messagerie sécurisée de santé n'est pas terminée",
        "Bonjour Camille,\n\nVotre compte préparé au sein de la structure EHPAD attend toujours que vous finalisiez votre inscription.\n\nhttps://medimail.example/enrol/tok?x=1&y=2\n-- \nMedimail\n",
        "<p>Bonjour Camille,</p>\n<p>Votre compte préparé attend toujours.</p>\n<p><a href=\"https://medimail.example/enrol/tok?x=1&amp;y=2\">Finaliser</a></p>");

    private static MimeMessage Parse(byte[] content) => MimeMessage.Load(new MemoryStream(content));

    /// <summary>The multipart boundary is random: the two messages are compared with the same one.</summary>
    private static string WithBoundaryOf(byte[] content, byte[] other)
    {
        static string BoundaryOf(byte[] bytes) => Assert.IsAssignableFrom<Multipart>(Parse(bytes).Body).Boundary ?? "";
        return Encoding.UTF8.GetString(content).Replace(BoundaryOf(content), BoundaryOf(other));
    }

    [Fact]
    public void The_message_is_byte_for_byte_what_MimeKit_composes_and_prepares_for_an_8bitmime_server()
    {
        var direct = Composer.Compose("camille.durand@ehpad.fr", French, "abc123@test.medimail.fr", Date);
        var mimeKit = Composer.ComposeWithMimeKit(MailboxAddress.Parse("camille.durand@ehpad.fr"), French, "abc123@test.medimail.fr", Date);

        Assert.Equal(Encoding.UTF8.GetString(mimeKit), WithBoundaryOf(direct, mimeKit));
    }

    [Fact]
    public void It_carries_the_headers_and_both_bodies_8bit_when_not_ascii_7bit_otherwise()
    {
        var ascii = French with { HtmlBody = "<p>Bonjour</p>" };
        var parsed = Parse(Composer.Compose("camille.durand@ehpad.fr", ascii, "abc123@test.medimail.fr", Date));

        Assert.Equal("abc123@test.medimail.fr", parsed.MessageId);
        Assert.Equal(Date, parsed.Date);
        Assert.Equal(French.Subject, parsed.Subject);
        Assert.Equal("auto-generated", parsed.Headers["Auto-Submitted"]);
        Assert.Equal("ne-pas-repondre@test.medimail.fr", parsed.From.Mailboxes.Single().Address);
        Assert.Equal("camille.durand@ehpad.fr", parsed.To.Mailboxes.Single().Address);
        Assert.Equal(French.TextBody, parsed.TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal("<p>Bonjour</p>", parsed.HtmlBody?.TrimEnd());
        var parts = parsed.BodyParts.OfType<TextPart>().ToList();
        Assert.Equal([ContentEncoding.EightBit, ContentEncoding.Default], parts.Select(p => p.ContentTransferEncoding));
    }

    [Fact]
    public void A_line_longer_than_smtp_allows_is_left_to_mimekit_which_encodes_it()
    {
        var longLine = French with { TextBody = "Début " + new string('x', 1200) + "\nfin" };
        var parsed = Parse(Composer.Compose("camille.durand@ehpad.fr", longLine, "abc123@test.medimail.fr", Date));

        Assert.NotEqual(ContentEncoding.EightBit, parsed.BodyParts.OfType<TextPart>().First().ContentTransferEncoding);
        Assert.Equal(longLine.TextBody, parsed.TextBody?.TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Unicode_line_separators_stay_content_and_crlf_in_a_body_stays_one_line_end()
    {
        var mail = French with { TextBody = "un\u2028deux\r\ntrois" };
        var parsed = Parse(Composer.Compose("camille.durand@ehpad.fr", mail, "abc123@test.medimail.fr", Date));

        Assert.Equal("un\u2028deux\ntrois", parsed.TextBody?.TrimEnd().Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_recipient_with_a_non_ascii_address_is_composed_by_mimekit()
    {
        var parsed = Parse(Composer.Compose("élodie@ehpad.fr", French, "abc123@test.medimail.fr", Date));

        Assert.Equal("élodie@ehpad.fr", parsed.To.Mailboxes.Single().Address);
        Assert.Contains("finalisiez", parsed.TextBody);
    }

    [Fact]
    public void A_recipient_that_is_not_an_address_cannot_be_composed() =>
        Assert.Throws<ParseException>(() => Composer.Compose("pas une adresse", French, "abc123@test.medimail.fr", Date));
}
