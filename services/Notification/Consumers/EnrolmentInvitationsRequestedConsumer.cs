using MassTransit;
using Medimail.Contracts;
using Medimail.Messaging.Consumers;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;

namespace Medimail.Notification.Consumers;

/// <summary>
/// Up to a few hundred enrolment links at once (a relaunch, an import with invitations): one queued mail each, all
/// written with one COPY in the consumer's one transaction, so a redelivered batch queues nothing twice and a crash
/// queues nothing half. The sender is woken when it commits.
/// </summary>
public sealed class EnrolmentInvitationsRequestedConsumer(
    NotificationDbContext db,
    MailQueue queue,
    MailSignal signal,
    ILogger<EnrolmentInvitationsRequestedConsumer> logger)
    : IdempotentConsumer<NotificationDbContext, EnrolmentInvitationsRequested>(db, logger)
{
    protected override async Task HandleAsync(EnrolmentInvitationsRequested message, ConsumeContext<EnrolmentInvitationsRequested> context,
        CancellationToken cancellationToken)
    {
        var requests = message.Invitations.Select(invitation =>
        {
            var single = new EnrolmentInvitationRequested(invitation.Email, message.StructureId, message.StructureName,
                invitation.DisplayName, invitation.EnrolmentUrl, invitation.ExpiresAt, message.RequestedBy, message.RelaunchId);
            return new MailRequest(invitation.Email, Invitation.KindOf(single), Invitation.Values(single), message.StructureId, message.RelaunchId);
        });
        await queue.QueueAsync(Db, requests, cancellationToken);
        logger.LogInformation("Queued {Count} invitation(s) for structure {StructureId}, relaunch {RelaunchId}",
            message.Invitations.Count, message.StructureId, message.RelaunchId);
    }

    protected override void Committed() => signal.Notify();
}
