using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Notification.Mail;

/// <summary>
/// The queue's three statements, each one round trip whatever the batch size: lease a batch of due mail to a
/// worker, record the outcomes of a sent batch, give back what a worker leased but did not try.
/// </summary>
public sealed class MailBatches(SmtpOptions options, TimeProvider clock)
{
    /// <summary>
    /// Leases up to <see cref="SmtpOptions.BatchSize"/> due mails by pushing their next attempt past the lease
    /// (<c>FOR UPDATE SKIP LOCKED</c>): other workers and replicas skip them, and if this worker dies before recording
    /// them they are due again when the lease ends. Oldest first.
    /// </summary>
    public async Task<List<MailNotification>> ClaimAsync(NotificationDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leasedUntil = now + options.Lease;
        // Not composed further: EF would wrap the statement in a subquery.
        var batch = await db.Notifications
            .FromSqlInterpolated($"""
                UPDATE notifications SET next_attempt_at = {leasedUntil}
                WHERE id IN (
                    SELECT id FROM notifications
                    WHERE state = {NotificationStates.Queued} AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at
                    LIMIT {options.BatchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        batch.Sort((a, b) => a.Id.CompareTo(b.Id));
        return batch;
    }

    /// <summary>
    /// Every outcome of a batch in one statement: state, attempts, last error, next attempt and sent time per mail.
    /// Only rows still QUEUED are touched, so a late write never turns a mail back from a final state.
    /// </summary>
    public async Task<int> RecordAsync(NotificationDbContext db, IReadOnlyList<MailNotification> mails)
    {
        if (mails.Count == 0)
            return 0;
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE notifications AS n
            SET state = o.state, attempts = o.attempts, last_error = o.last_error, next_attempt_at = o.next_attempt_at, sent_at = o.sent_at
            FROM unnest({mails.Select(m => m.Id).ToArray()}, {mails.Select(m => m.State).ToArray()},
                        {mails.Select(m => m.Attempts).ToArray()}, {mails.Select(m => m.LastError).ToArray()},
                        {mails.Select(m => m.NextAttemptAt).ToArray()}, {mails.Select(m => m.SentAt).ToArray()})
                AS o(id, state, attempts, last_error, next_attempt_at, sent_at)
            WHERE n.id = o.id AND n.state = {NotificationStates.Queued}
            """, CancellationToken.None);
    }

    /// <summary>Mails leased but not tried (the server went away, or shutdown): due again now, not at the end of the lease.</summary>
    public async Task ReleaseAsync(NotificationDbContext db, IReadOnlyList<Guid> ids)
    {
        if (ids.Count == 0)
            return;
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE notifications SET next_attempt_at = {now} WHERE id = ANY({ids.ToArray()}) AND state = {NotificationStates.Queued}",
            CancellationToken.None);
    }
}
