using MassTransit;
using Medimail.Contracts;
using Medimail.Messaging.Consumers;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;

namespace Medimail.Notification.Consumers;

/// <summary>A shared box received a message: a short notice to each connection account that asked for one, never the content.</summary>
public sealed class SharedMailboxMessageReceivedConsumer(
    NotificationDbContext db,
    MailQueue queue,
    MailSignal signal,
    ILogger<SharedMailboxMessageReceivedConsumer> logger)
    : IdempotentConsumer<NotificationDbContext, SharedMailboxMessageReceived>(db, logger)
{
    protected override async Task HandleAsync(SharedMailboxMessageReceived message, ConsumeContext<SharedMailboxMessageReceived> context,
        CancellationToken cancellationToken)
    {
        var values = ReceptionNotice.Values(message);
        var recipients = message.NotifyAddresses
            .Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).Distinct().ToList();
        await queue.QueueAsync(Db, recipients.Select(r => new MailRequest(r, NotificationKinds.ReceptionNotice, values, null, null)), cancellationToken);
        logger.LogInformation("Queued {Count} reception notice(s) for a shared box", recipients.Count);
    }

    protected override void Committed() => signal.Notify();
}
