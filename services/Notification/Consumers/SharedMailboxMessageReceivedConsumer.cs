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
    ILogger<SharedMailboxMessageReceivedConsumer> logger)
    : IdempotentConsumer<NotificationDbContext, SharedMailboxMessageReceived>(db, logger)
{
    protected override Task HandleAsync(SharedMailboxMessageReceived message, ConsumeContext<SharedMailboxMessageReceived> context,
        CancellationToken cancellationToken)
    {
        var values = ReceptionNotice.Values(message);
        var recipients = message.NotifyAddresses
            .Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).Distinct().ToList();
        foreach (var recipient in recipients)
            queue.Add(Db, recipient, NotificationKinds.ReceptionNotice, values, structureId: null, relaunchId: null);
        logger.LogInformation("Queued {Count} reception notice(s) for a shared box", recipients.Count);
        return Task.CompletedTask;
    }
}
