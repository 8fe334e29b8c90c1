using Medimail.Contracts;

namespace Medimail.Notification.Domain;

/// <summary>What an enrolment invitation says, from the event that asks for it.</summary>
public static class Invitation
{
    /// <summary>A relaunch is the same invitation, sent again to someone who has not enrolled yet.</summary>
    public static string KindOf(EnrolmentInvitationRequested request) =>
        string.IsNullOrWhiteSpace(request.RelaunchId) ? NotificationKinds.Enrolment : NotificationKinds.Relaunch;

    public static IReadOnlyDictionary<string, string> Values(EnrolmentInvitationRequested request)
    {
        // Only a web link may reach a recipient's mail client; the link itself never appears in an error or a log.
        if (!Uri.TryCreate(request.EnrolmentUrl, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
            throw new ArgumentException("The enrolment link is not an absolute http(s) URL.", nameof(request));

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["displayName"] = OrDefault(request.DisplayName, "Madame, Monsieur"),
            ["structureName"] = OrDefault(request.StructureName, "votre structure"),
            ["requestedBy"] = OrDefault(request.RequestedBy, "votre administrateur"),
            ["link"] = link.AbsoluteUri,
            ["expiresAt"] = FrenchDates.DateAndTime(request.ExpiresAt),
        };
    }

    public static IReadOnlySet<string> Placeholders { get; } =
        new HashSet<string>(["displayName", "structureName", "requestedBy", "link", "expiresAt"], StringComparer.Ordinal);

    private static string OrDefault(string? value, string fallback) =>
        TemplateText.OneLine(value) is { Length: > 0 } line ? line : fallback;
}
