using Medimail.Notification.Mail;

namespace Medimail.Notification.UnitTests;

public sealed class SmtpOptionsTests
{
    [Fact]
    public void In_development_a_server_without_a_sender_sends_as_the_development_sender()
    {
        var options = new SmtpOptions { Host = "smtp.example.test", Port = 25 };

        options.Validate(development: true);

        Assert.Equal(SmtpOptions.DevelopmentFrom, options.From);
        Assert.Equal("ne-pas-repondre@medimail.localhost", options.FromAddress.Address);
    }

    [Fact]
    public void Outside_development_a_server_without_a_sender_stops_start_up_naming_the_setting()
    {
        var options = new SmtpOptions { Host = "smtp.example.test" };

        var ex = Assert.Throws<InvalidOperationException>(() => options.Validate(development: false));

        Assert.Contains("Smtp__From", ex.Message);
    }

    [Fact]
    public void A_given_sender_is_kept()
    {
        var options = new SmtpOptions { Host = "smtp.example.test", From = "Medimail <noreply@medimail.fr>" };

        options.Validate(development: false);

        Assert.Equal("noreply@medimail.fr", options.FromAddress.Address);
    }
}
