using MailKit.Net.Smtp;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;
using MimeKit;
using MimeKit.IO;

namespace Medimail.Notification.UnitTests;

public sealed class PreparedMessageTests
{
    private static readonly FormatOptions Smtp = new() { NewLineFormat = NewLineFormat.Dos };

    private static byte[] Composed() => new MimeComposer(MailboxAddress.Parse(SmtpOptions.DevelopmentFrom)).Compose("camille.durand@ehpad.fr",
        new RenderedMail("Relance : finalisez votre inscription à Medimail", "Bonjour Camille, voici le lien sécurisé.", "<p>Bonjour Camille, voici le lien sécurisé.</p>"),
        "abc123@medimail.fr", new DateTimeOffset(2027, 1, 31, 14, 23, 0, TimeSpan.Zero));

    [Fact]
    public void For_an_8bitmime_server_the_message_is_written_and_measured_as_the_stored_bytes()
    {
        var content = Composed();
        using var message = PreparedMessage.For(content, SmtpCapabilities.EightBitMime | SmtpCapabilities.Size);
        message.Prepare(EncodingConstraint.EightBit, 998);

        using var written = new MemoryStream();
        message.WriteTo(Smtp, written);
        using var measured = new MeasuringStream();
        message.WriteTo(Smtp, measured);

        Assert.Equal(content, written.ToArray());
        Assert.Equal(content.Length, measured.Length);
    }

    [Fact]
    public void For_a_7bit_server_the_message_is_parsed_and_re_encoded_without_8bit_bytes()
    {
        using var message = PreparedMessage.For(Composed(), SmtpCapabilities.Size);
        message.Prepare(EncodingConstraint.SevenBit, 998);

        using var written = new MemoryStream();
        message.WriteTo(Smtp, written);

        Assert.True(System.Text.Ascii.IsValid(written.ToArray()));
        Assert.Contains("lien sécurisé", MimeMessage.Load(new MemoryStream(written.ToArray())).TextBody);
    }
}
