using MailKit.Net.Smtp;
using Medimail.Notification.Mail;

namespace Medimail.Notification.UnitTests;

public sealed class SendFailuresTests
{
    [Fact]
    public void A_5xx_reply_is_permanent_and_a_4xx_reply_temporary()
    {
        var rejected = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "no such user");
        var later = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, "greylisted");

        Assert.True(SendFailures.IsPermanent(rejected));
        Assert.False(SendFailures.IsPermanent(later));
        Assert.Equal("550 no such user", SendFailures.Describe(rejected));
        Assert.False(SendFailures.IsServerUnavailable(later));
    }

    [Fact]
    public void A_connection_failure_is_temporary_and_means_the_server_is_unavailable()
    {
        var refused = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);

        Assert.False(SendFailures.IsPermanent(refused));
        Assert.True(SendFailures.IsServerUnavailable(refused));
        Assert.False(SendFailures.IsPermanent(new IOException("broken pipe")));
    }

    [Fact]
    public void An_address_that_does_not_parse_is_permanent() =>
        Assert.True(SendFailures.IsPermanent(Assert.Throws<MimeKit.ParseException>(() => MimeKit.MailboxAddress.Parse("pas une adresse"))));
}
