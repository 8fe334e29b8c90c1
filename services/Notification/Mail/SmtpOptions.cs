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
    /// <summary>Connecting, and each SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(Host);
    public RetryPolicy Retry => new(MaxAttempts, RetryBaseDelay, MaxRetryDelay);
    public MailboxAddress FromAddress => MailboxAddress.Parse(From ?? DevelopmentFrom);

    /// <summary>Checked at start-up: a mail server without a sender would fail every mail, one at a time, an hour later.</summary>
    public void Validate()
    {
        if (!UsesPickupFolder && string.IsNullOrWhiteSpace(From))
            throw new InvalidOperationException("Missing required setting 'Smtp:From' (environment variable Smtp__From) when Smtp:Host is set.");
        From = string.IsNullOrWhiteSpace(From) ? DevelopmentFrom : From;
        if (!MailboxAddress.TryParse(From, out _))
            throw new InvalidOperationException("Setting 'Smtp:From' is not a mail address.");
        if (MaxAttempts < 1)
            throw new InvalidOperationException("Setting 'Smtp:MaxAttempts' must be at least 1.");
        if (Port is < 1 or > 65535)
            throw new InvalidOperationException("Setting 'Smtp:Port' is not a TCP port.");
    }
}
