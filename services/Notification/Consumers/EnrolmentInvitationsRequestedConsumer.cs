using MassTransit;
using Medimail.Contracts;
using Medimail.Messaging.Consumers;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.Notification.Mail;

namespace Medimail.Notification.Consumers;

/// <summary>
/// Up to a few hundred enrolment links at once (a relaunch, an import with invitations): one queued mail each, all
/// in the consumer's one transaction, so a redelivered batch queues nothing twice and a crash queues nothing half.
/// </summary>
public sealed class EnrolmentInvitationsRequestedConsumer(
    NotificationDbContext db,
    MailQueue queue,
    ILogger<EnrolmentInvitationsRequestedConsumer> logger)
    : IdempotentConsumer<NotificationDbContext, EnrolmentInvitationsRequested>(db, logger)
{
    protected override Task HandleAsync(EnrolmentInvitationsRequested message, ConsumeContext<EnrolmentInvitationsRequested> context,
        CancellationToken cancellationToken)
    {
        Db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var invitation in message.Invitations)
        {
            var single = new EnrolmentInvitationRequested(invitation.Email, message.StructureId, message.StructureName,
                invitation.DisplayName, invitation.EnrolmentUrl, invitation.ExpiresAt, message.RequestedBy, message.RelaunchId);
            var kind = Invitation.KindOf(single);
            queue.Add(Db, invitation.Email, kind, Invitation.Values(single), message.StructureId, message.RelaunchId);
        }
        logger.LogInformation("Queued {Count} invitation(s) for structure {StructureId}, relaunch {RelaunchId}",
            message.Invitations.Count, message.StructureId, message.RelaunchId);
        return Task.CompletedTask;
    }
}
