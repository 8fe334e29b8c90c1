namespace Medimail.Notification.Domain;

/// <summary>
/// One e-mail of the durable queue, kept after sending as its history. The whole message is composed once when it is
/// queued (<see cref="Content"/>), so every attempt sends exactly the same bytes under the same <see cref="MessageId"/>
/// and a send only writes them. The content may hold an enrolment link, a bearer credential: it is never logged.
/// </summary>
public sealed class MailNotification
{
    public Guid Id { get; set; }
    public string Recipient { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>
    /// The message as sent (RFC 5322, CRLF line ends, MIME parts already encoded). Null only for a mail whose
    /// recipient address could not be written in a header, or one queued before messages were composed at queueing:
    /// such a mail is composed from <see cref="TextBody"/> and <see cref="HtmlBody"/> when it is sent.
    /// </summary>
    public byte[]? Content { get; set; }
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public string State { get; set; } = NotificationStates.Queued;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>RFC 5322 Message-ID without its angle brackets (MimeKit adds them).</summary>
    public string MessageId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? RelaunchId { get; set; }
    public string? StructureId { get; set; }

    /// <summary>A mail to send: <paramref name="content"/> is the composed message, or null to keep the rendered bodies instead.</summary>
    public static MailNotification Queue(Guid id, string recipient, string kind, RenderedMail mail, byte[]? content,
        string messageId, DateTimeOffset now, string? structureId, string? relaunchId) => new()
        {
            Id = id,
            Recipient = recipient,
            Kind = kind,
            Subject = mail.Subject,
            Content = content,
            TextBody = content is null ? mail.TextBody : null,
            HtmlBody = content is null ? mail.HtmlBody : null,
            State = NotificationStates.Queued,
            MessageId = messageId,
            CreatedAt = now,
            NextAttemptAt = now,
            StructureId = structureId,
            RelaunchId = relaunchId,
        };

    public void MarkSent(DateTimeOffset now)
    {
        Attempts++;
        State = NotificationStates.Sent;
        SentAt = now;
        LastError = null;
    }

    /// <summary>
    /// A permanent refusal (5xx, an unusable address) fails at once; anything else is tried again later, until the
    /// last allowed attempt.
    /// </summary>
    public void RecordFailure(string error, bool permanent, RetryPolicy retry, DateTimeOffset now, double jitter)
    {
        Attempts++;
        LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        if (permanent || Attempts >= retry.MaxAttempts)
        {
            State = NotificationStates.Failed;
            return;
        }
        NextAttemptAt = now + retry.DelayAfter(Attempts, jitter);
    }

    public const int MaxErrorLength = 1000;
}

public sealed record RenderedMail(string Subject, string TextBody, string HtmlBody);
