using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Notification.Mail;

/// <summary>
/// Wakes every idle sender worker as soon as new mail is committed to the queue, so a relaunch starts going out in
/// milliseconds rather than at the next poll. The poll stays as the safety net (another replica queued it, a
/// retry became due).
/// </summary>
public sealed class MailSignal : WakeUpSignal;
