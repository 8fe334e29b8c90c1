namespace Medimail.Notification.Mail;

/// <summary>A composed message to deliver to one recipient (see <see cref="Domain.MailNotification.Content"/>).</summary>
public sealed record OutgoingMail(string MessageId, string Recipient, byte[] Content);

/// <summary>One sending session: an SMTP connection reused across the mails of a pass, or the pickup folder.</summary>
public interface IMailTransport : IAsyncDisposable
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

public sealed class MailTransportFactory(SmtpOptions options, ILoggerFactory loggers)
{
    public IMailTransport Open() => options.UsesPickupFolder
        ? new PickupFolderTransport(options.PickupFolder)
        : new SmtpTransport(options, loggers.CreateLogger<SmtpTransport>());
}
