using MassTransit;
using Medimail.Contracts;
using Medimail.Messaging.Consumers;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;

namespace Medimail.Notification.Consumers;

/// <summary>
/// An enrolment link to send (a first invitation, or a relaunch when the event carries a relaunch id): rendered now
/// and queued; <see cref="MailSender"/> delivers it. Queued in the consumer's transaction, so a redelivered event
/// never queues a second mail.
/// </summary>
public sealed class EnrolmentInvitationRequestedConsumer(
    NotificationDbContext db,
    MailQueue queue,
    MailSignal signal,
    ILogger<EnrolmentInvitationRequestedConsumer> logger)
    : IdempotentConsumer<NotificationDbContext, EnrolmentInvitationRequested>(db, logger)
{
    protected override async Task HandleAsync(EnrolmentInvitationRequested message, ConsumeContext<EnrolmentInvitationRequested> context,
        CancellationToken cancellationToken)
    {
        if (message.Email.Trim().Length == 0)
            throw new ArgumentException("EnrolmentInvitationRequested has no recipient address.", nameof(message));

        var kind = Invitation.KindOf(message);
        var queued = await queue.QueueAsync(Db, [new MailRequest(message.Email, kind, Invitation.Values(message), message.StructureId, message.RelaunchId)],
            cancellationToken);

        // Never the link, nor the body that holds it.
        logger.LogInformation("Queued {Kind} notification {NotificationId} for structure {StructureId}", kind, queued[0].Id, message.StructureId);
    }

    protected override void Committed() => signal.Notify();
}
