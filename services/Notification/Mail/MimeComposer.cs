using Medimail.Notification.Domain;
using MimeKit;

namespace Medimail.Notification.Mail;

public static class MimeComposer
{
    /// <summary>
    /// The same message on every attempt: stored bodies, the Message-ID and Date fixed at queueing. Plain text first,
    /// HTML as the preferred alternative. Auto-Submitted keeps out-of-office replies away (RFC 3834).
    /// </summary>
    public static MimeMessage Compose(MailNotification mail, MailboxAddress from)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId, Date = mail.CreatedAt };
        // A copy: MimeKit subscribes each message to its addresses' changes, so one shared instance would keep every message alive.
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }
}
