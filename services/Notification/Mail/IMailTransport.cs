using MimeKit;

namespace Medimail.Notification.Mail;

/// <summary>One sending session: an SMTP connection reused across the mails of a pass, or the pickup folder.</summary>
public interface IMailTransport : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public sealed class MailTransportFactory(SmtpOptions options, ILoggerFactory loggers)
{
    public IMailTransport Open() => options.UsesPickupFolder
        ? new PickupFolderTransport(options.PickupFolder)
        : new SmtpTransport(options, loggers.CreateLogger<SmtpTransport>());
}
