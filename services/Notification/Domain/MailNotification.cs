namespace Medimail.Notification.Domain;

/// <summary>
/// One e-mail of the durable queue, kept after sending as its history. The rendered subject and bodies are stored
/// when it is queued, so every attempt sends exactly the same message under the same <see cref="MessageId"/>.
/// The bodies may hold an enrolment link, a bearer credential: they are never logged.
/// </summary>
public sealed class MailNotification
{
    public Guid Id { get; set; }
    public string Recipient { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
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

    public static MailNotification Queue(Guid id, string recipient, string kind, RenderedMail mail, string messageId,
        DateTimeOffset now, string? structureId, string? relaunchId) => new()
        {
            Id = id,
            Recipient = recipient,
            Kind = kind,
            Subject = mail.Subject,
            TextBody = mail.TextBody,
            HtmlBody = mail.HtmlBody,
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
