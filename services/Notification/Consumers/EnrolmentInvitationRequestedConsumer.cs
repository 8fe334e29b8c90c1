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
    MailTemplates templates,
    SmtpOptions smtp,
    TimeProvider clock,
    ILogger<EnrolmentInvitationRequestedConsumer> logger)
    : IdempotentConsumer<NotificationDbContext, EnrolmentInvitationRequested>(db, logger)
{
    protected override Task HandleAsync(EnrolmentInvitationRequested message, ConsumeContext<EnrolmentInvitationRequested> context,
        CancellationToken cancellationToken)
    {
        var recipient = message.Email.Trim().ToLowerInvariant();
        if (recipient.Length == 0)
            throw new ArgumentException("EnrolmentInvitationRequested has no recipient address.", nameof(message));

        var kind = Invitation.KindOf(message);
        var id = NewId.NextSequentialGuid();
        var mail = MailNotification.Queue(
            id, recipient, kind, templates.Render(kind, Invitation.Values(message)),
            MessageIds.For(id, smtp.FromAddress.Address), clock.GetUtcNow(),
            message.StructureId, string.IsNullOrWhiteSpace(message.RelaunchId) ? null : message.RelaunchId);
        Db.Notifications.Add(mail);

        // Never the link, nor the body that holds it.
        logger.LogInformation("Queued {Kind} notification {NotificationId} for structure {StructureId}", kind, id, message.StructureId);
        return Task.CompletedTask;
    }
}
