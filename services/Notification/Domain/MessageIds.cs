namespace Medimail.Notification.Domain;

public static class MessageIds
{
    /// <summary>
    /// A globally unique RFC 5322 Message-ID (without brackets), fixed when the mail is queued: every retry carries the
    /// same one, so a receiving server can drop a duplicate. Its right part is the sender's domain.
    /// </summary>
    public static string For(Guid notificationId, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 ? fromAddress[(at + 1)..].Trim().TrimEnd('>').Trim() : "";
        return $"{notificationId:N}@{(domain.Length > 0 ? domain : "medimail.localhost")}";
    }
}
