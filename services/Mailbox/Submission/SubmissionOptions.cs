namespace Medimail.Mailbox.Submission;

/// <summary>
/// Settings <c>Submission__*</c> of SMTP submission (the port is <c>Ports__Submission</c>, 5587 by default).
/// Outside development the STARTTLS certificate must be given as PEM files; in development, without them, an
/// ephemeral self-signed one is made at start-up (the scripts give one of their own).
/// </summary>
public sealed class SubmissionOptions
{
    public const string Section = "Submission";

    public bool Enabled { get; set; } = true;
    public string? CertificatePath { get; set; }
    public string? KeyPath { get; set; }
    public string ServerName { get; set; } = "medimail";
    /// <summary>AUTH attempts per client id, and per remote address, per minute.</summary>
    public int MaxAuthenticationsPerMinute { get; set; } = 20;
    /// <summary>Messages per connector (client id) per minute; over it, 451 and the client retries later.</summary>
    public int MaxMessagesPerMinute { get; set; } = 600;
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
