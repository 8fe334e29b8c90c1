using Medimail.Contracts;

namespace Medimail.Notification.Domain;

/// <summary>
/// "Your shared box received a message": the box and the time, never the message's sender, subject or content, which
/// stay behind the secure mailbox's authentication.
/// </summary>
public static class ReceptionNotice
{
    public static IReadOnlyDictionary<string, string> Values(SharedMailboxMessageReceived received) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mailboxAddress"] = TemplateText.OneLine(received.MailboxAddress),
            ["mailboxName"] = TemplateText.OneLine(received.MailboxDisplayName) is { Length: > 0 } name ? name : TemplateText.OneLine(received.MailboxAddress),
            ["receivedAt"] = FrenchDates.DateAndTime(received.ReceivedAt),
        };

    public static IReadOnlySet<string> Placeholders { get; } =
        new HashSet<string>(["mailboxAddress", "mailboxName", "receivedAt"], StringComparer.Ordinal);
}
