using MassTransit;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;

namespace Medimail.Notification.Mail;

/// <summary>Renders a mail and adds it to the queue in the caller's unit of work; <see cref="MailSender"/> delivers it.</summary>
public sealed class MailQueue(MailTemplates templates, SmtpOptions smtp, TimeProvider clock)
{
    public MailNotification Add(NotificationDbContext db, string recipient, string kind, IReadOnlyDictionary<string, string> values,
        string? structureId, string? relaunchId)
    {
        var address = recipient.Trim().ToLowerInvariant();
        if (address.Length == 0)
            throw new ArgumentException("A notification needs a recipient address.", nameof(recipient));
        var id = NewId.NextSequentialGuid();
        var mail = MailNotification.Queue(id, address, kind, templates.Render(kind, values),
            MessageIds.For(id, smtp.FromAddress.Address), clock.GetUtcNow(), structureId,
            string.IsNullOrWhiteSpace(relaunchId) ? null : relaunchId);
        db.Notifications.Add(mail);
        return mail;
    }
}
