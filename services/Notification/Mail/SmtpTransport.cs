using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Medimail.Notification.Mail;

/// <summary>
/// MailKit over one connection, opened at the first mail of a pass. After any error the connection is dropped and
/// the next mail opens a fresh one: a half-finished SMTP dialogue is never reused.
/// </summary>
public sealed class SmtpTransport(SmtpOptions options, ILogger<SmtpTransport> logger) : IMailTransport
{
    private SmtpClient? client;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        // Parsed first: an unusable address fails this mail for good (SendFailures) without touching the connection.
        var recipient = MailboxAddress.Parse(mail.Recipient);
        try
        {
            var connected = await ConnectAsync(cancellationToken);
            using var message = PreparedMessage.For(mail.Content, connected.Capabilities);
            // The envelope is given, so MailKit reads nothing from the message but its bytes.
            await connected.SendAsync(message, options.FromAddress, [recipient], cancellationToken);
        }
        catch
        {
            await DropAsync();
            throw;
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (client is { IsConnected: true })
            return client;
        await DropAsync();
        client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        var security = !options.UseTls ? SecureSocketOptions.None
            : options.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.Host ?? "", options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Username))
            await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
        logger.LogDebug("Connected to SMTP server {Host}:{Port}", options.Host, options.Port);
        return client;
    }

    private async Task DropAsync()
    {
        if (client is null)
            return;
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "SMTP disconnect failed; connection abandoned");
        }
        client.Dispose();
        client = null;
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
