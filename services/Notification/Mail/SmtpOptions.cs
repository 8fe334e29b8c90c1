using Medimail.Notification.Domain;
using MimeKit;

namespace Medimail.Notification.Mail;

/// <summary>Outgoing mail. With no <see cref="Host"/>, mail is written as .eml files to <see cref="PickupFolder"/> (development).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";
    public const string DevelopmentFrom = "Medimail <ne-pas-repondre@medimail.localhost>";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>TLS on connect for port 465, STARTTLS otherwise; false only for a local test sink.</summary>
    public bool UseTls { get; set; } = true;
    public string? From { get; set; }
    public int MaxAttempts { get; set; } = 8;
    public string PickupFolder { get; set; } = "./mail-pickup";
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often the sender looks for due mail.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Parallel senders, each with its own SMTP connection kept open across mails.</summary>
    public int Workers { get; set; } = 8;
    /// <summary>Mails a worker leases at once: one database statement per batch instead of per mail.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>
    /// How long a leased mail is reserved for its worker: if the process dies, it is due again after this. Longer
    /// than a batch can take (each command may wait <see cref="Timeout"/>).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Connecting, and each SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(Host);
    public RetryPolicy Retry => new(MaxAttempts, RetryBaseDelay, MaxRetryDelay);
    /// <summary>Parsed once (it is on every mail sent), after <see cref="Validate"/> settled <see cref="From"/>.</summary>
    public MailboxAddress FromAddress => fromAddress ??= MailboxAddress.Parse(From ?? DevelopmentFrom);
    private MailboxAddress? fromAddress;

    /// <summary>
    /// Checked when the sender starts: a mail server without a sender would fail every mail, one at a time, an hour
    /// later. In development (and with the pickup folder) a missing sender is <see cref="DevelopmentFrom"/>, so
    /// setting <c>Smtp__Host</c> alone is enough to try a real server.
    /// </summary>
    public void Validate(bool development = true)
    {
        if (!UsesPickupFolder && !development && string.IsNullOrWhiteSpace(From))
            throw new InvalidOperationException("Missing required setting 'Smtp:From' (environment variable Smtp__From) when Smtp:Host is set outside development.");
        From = string.IsNullOrWhiteSpace(From) ? DevelopmentFrom : From;
        fromAddress = null;
        if (!MailboxAddress.TryParse(From, out _))
            throw new InvalidOperationException("Setting 'Smtp:From' is not a mail address.");
        if (MaxAttempts < 1)
            throw new InvalidOperationException("Setting 'Smtp:MaxAttempts' must be at least 1.");
        if (BatchSize is < 1 or > 1000)
            throw new InvalidOperationException("Setting 'Smtp:BatchSize' must be between 1 and 1000.");
        if (Lease < TimeSpan.FromSeconds(5))
            throw new InvalidOperationException("Setting 'Smtp:Lease' must be at least 5 seconds.");
        if (Workers is < 1 or > 64)
            throw new InvalidOperationException("Setting 'Smtp:Workers' must be between 1 and 64.");
        if (Port is < 1 or > 65535)
            throw new InvalidOperationException("Setting 'Smtp:Port' is not a TCP port.");
    }
}
