using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>Business software submits over SMTP (a real client: MailKit) with STARTTLS and its connector's credentials.</summary>
public sealed class SubmissionTests
{
    private static int Port => int.Parse(Environment.GetEnvironmentVariable("MEDIMAIL_SUBMISSION_PORT")
        ?? throw new InvalidOperationException("MEDIMAIL_SUBMISSION_PORT is not set: run the tests through scripts/test.sh."));

    [Fact]
    public async Task A_pdf_submitted_over_smtp_arrives_with_reply_to_and_its_message_id_makes_it_idempotent()
    {
        var world = await MessagingWorld.CreateAsync();
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("RIS", world.AppBox));
        message.To.Add(MailboxAddress.Parse(world.OrgBox));
        message.Subject = "Compte rendu de scanner";
        message.MessageId = $"{Guid.NewGuid():N}@ris.test";
        var body = new BodyBuilder { TextBody = "Compte rendu ci-joint." };
        body.Attachments.Add("cr-scanner.pdf", MessagingWorld.Pdf(200 * 1024), ContentType.Parse("application/pdf"));
        message.Body = body.ToMessageBody();

        using var smtp = await ConnectAsync(world);
        var first = await smtp.SendAsync(message);
        var again = await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);

        var id = first[(first.LastIndexOf(' ') + 1)..];
        Assert.Contains(id, again);
        Assert.Equal(1, await MessagingWorld.InboxCountAsync(world.OrgBox, id));
        Assert.Equal(1, await MessagingWorld.CountAsync(
            "SELECT count(*) FROM messages m JOIN message_attachments a ON a.message_id = m.id WHERE m.id = @id AND m.reply_to = @r AND a.content_type = 'application/pdf'",
            ("id", Guid.Parse(id)), ("r", world.OrgBox)));
        var traces = await (await MessagingWorld.OperatorMessagesAsync()).ListTracesAsync(new V1.ListTracesRequest { Address = world.AppBox });
        Assert.Contains(traces.Traces, t => t is { Action: "SEND", Outcome: "SUCCESS", Channel: "SMTP" } && t.MessageId == id);
    }

    [Fact]
    public async Task Mail_from_a_personal_address_is_refused_with_a_5xx_saying_why()
    {
        var world = await MessagingWorld.CreateAsync();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(world.Person));
        message.To.Add(MailboxAddress.Parse(world.OrgBox));
        message.Subject = "Usurpation";
        message.Body = new TextPart("plain") { Text = "x" };

        using var smtp = await ConnectAsync(world);
        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => smtp.SendAsync(message));

        Assert.InRange((int)error.StatusCode, 500, 599);
        Assert.Equal(SmtpErrorCode.SenderNotAccepted, error.ErrorCode);
        Assert.Contains(world.Person, error.Message);
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM mailbox_entries WHERE box_address = @b", ("b", world.OrgBox)));
    }

    /// <summary>The test profile's limit (scripts/lib/platform.sh sets Submission__MaxMessagesPerMinute=30).</summary>
    private const int MessagesPerMinute = 30;

    [Fact]
    public async Task Over_its_messages_per_minute_a_connector_gets_a_451_saying_to_retry_and_nothing_more_is_stored()
    {
        var world = await MessagingWorld.CreateAsync();
        using var smtp = await ConnectAsync(world);
        for (var i = 0; i < MessagesPerMinute; i++)
            await smtp.SendAsync(Small(world, $"Résultat {i}"));

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => smtp.SendAsync(Small(world, "Un de trop")));

        Assert.Equal(451, (int)error.StatusCode);
        Assert.Contains($"{MessagesPerMinute} messages par minute", error.Message);
        Assert.Equal(MessagesPerMinute, await MessagingWorld.CountAsync(
            "SELECT count(*) FROM mailbox_entries WHERE box_address = @b AND folder = 'INBOX'", ("b", world.OrgBox)));
        var traces = await (await MessagingWorld.OperatorMessagesAsync()).ListTracesAsync(new V1.ListTracesRequest { Address = world.AppBox, PageSize = 100 });
        Assert.Single(traces.Traces, t => t is { Action: "SEND", Outcome: "REFUSED", Channel: "SMTP" });
    }

    private static MimeMessage Small(MessagingWorld world, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(world.AppBox));
        message.To.Add(MailboxAddress.Parse(world.OrgBox));
        message.Subject = subject;
        message.MessageId = $"{Guid.NewGuid():N}@ris.test";
        message.Body = new TextPart("plain") { Text = "Compte rendu." };
        return message;
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_at_auth()
    {
        var world = await MessagingWorld.CreateAsync();
        using var smtp = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await smtp.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.StartTls);
        await Assert.ThrowsAsync<AuthenticationException>(() => smtp.AuthenticateAsync(world.ClientId, "not-the-secret"));
    }

    private static async Task<SmtpClient> ConnectAsync(MessagingWorld world)
    {
        // The development certificate is self-signed: the test trusts it as a client configured for it would.
        var smtp = new SmtpClient { ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=localhost" };
        await smtp.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.StartTls);
        Assert.True(smtp.IsSecure, "STARTTLS was negotiated");
        await smtp.AuthenticateAsync(world.ClientId, world.ClientSecret);
        return smtp;
    }
}
