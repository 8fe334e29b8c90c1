using MassTransit;
using Medimail.Contracts;
using Medimail.Messaging.Consumers;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;

namespace Medimail.Notification.Consumers;

/// <summary>A mail to an account holder about its account (inactivity, registration outcome): rendered and queued once.</summary>
public sealed class AccountNoticeRequestedConsumer(
    NotificationDbContext db,
    MailQueue queue,
    MailSignal signal,
    ILogger<AccountNoticeRequestedConsumer> logger)
    : IdempotentConsumer<NotificationDbContext, AccountNoticeRequested>(db, logger)
{
    protected override async Task HandleAsync(AccountNoticeRequested message, ConsumeContext<AccountNoticeRequested> context,
        CancellationToken cancellationToken)
    {
        if (message.Email.Trim().Length == 0)
            throw new ArgumentException("AccountNoticeRequested has no recipient address.", nameof(message));
        var kind = AccountNotice.KindOf(message);
        var queued = await queue.QueueAsync(Db, [new MailRequest(message.Email, kind, AccountNotice.Values(message), null, null)], cancellationToken);
        logger.LogInformation("Queued {Kind} notification {NotificationId}", kind, queued[0].Id);
    }

    protected override void Committed() => signal.Notify();
}
