using Medimail.Contracts;

namespace Medimail.Notification.Domain;

/// <summary>Mails about one's own account (inactivity notice, self-registration outcome): the values Identity-Registry chose, made safe for one line.</summary>
public static class AccountNotice
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["INACTIVITY_NOTICE"] = NotificationKinds.InactivityNotice,
        ["REGISTRATION_VALIDATED"] = NotificationKinds.RegistrationValidated,
        ["REGISTRATION_REJECTED"] = NotificationKinds.RegistrationRejected,
    };

    public static IReadOnlySet<string> Placeholders { get; } =
        new HashSet<string>(["displayName", "address", "lastActivity", "disableOn", "boxAddress", "reason"], StringComparer.Ordinal);

    public static string KindOf(AccountNoticeRequested notice) =>
        Kinds.TryGetValue(notice.Kind, out var kind) ? kind : throw new ArgumentException($"Unknown account notice kind '{notice.Kind}'.", nameof(notice));

    /// <summary>Every placeholder gets a value (empty when the kind does not use it); unknown keys are dropped.</summary>
    public static IReadOnlyDictionary<string, string> Values(AccountNoticeRequested notice) =>
        Placeholders.ToDictionary(p => p, p => notice.Values.TryGetValue(p, out var v) ? TemplateText.OneLine(v) : "", StringComparer.Ordinal);
}
