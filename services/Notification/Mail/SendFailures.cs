using MailKit.Net.Smtp;
using MimeKit;

namespace Medimail.Notification.Mail;

/// <summary>Which failures are worth another attempt, and what the history shows of them.</summary>
public static class SendFailures
{
    /// <summary>
    /// A 5xx reply is the server's final word, and an address that does not parse will never parse: both permanent.
    /// 4xx replies, refused or broken connections, timeouts and authentication trouble may pass: temporary.
    /// </summary>
    public static bool IsPermanent(Exception ex) => ex switch
    {
        SmtpCommandException smtp => (int)smtp.StatusCode >= 500,
        ParseException => true,
        _ => false,
    };

    /// <summary>
    /// A 4xx or 5xx from the server is a command error; anything else (no connection, a broken dialogue, a timeout)
    /// means the server itself is unusable for now, so the rest of the queue waits instead of failing one by one.
    /// </summary>
    public static bool IsServerUnavailable(Exception ex) => ex is not (SmtpCommandException or ParseException);

    /// <summary>Status code and server reply, or the error type and message; never the message content.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException smtp => $"{(int)smtp.StatusCode} {smtp.Message}",
        ParseException => "Adresse du destinataire invalide.",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
