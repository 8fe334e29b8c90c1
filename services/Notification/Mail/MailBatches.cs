using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        // Plain Npgsql on the context's connection: one statement, read column by column, without EF's query pipeline
        // (a worker runs it for every batch). Only what sending and recording need.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("""
                UPDATE notifications SET next_attempt_at = $1
                WHERE id IN (
                    SELECT id FROM notifications
                    WHERE state = $2 AND next_attempt_at <= $3
                    ORDER BY next_attempt_at
                    LIMIT $4
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, recipient, kind, subject, content, text_body, html_body, state, attempts, next_attempt_at,
                          message_id, created_at
                """, (NpgsqlConnection)db.Database.GetDbConnection())
            {
                Parameters =
                {
                    new() { Value = now + options.Lease }, new() { Value = NotificationStates.Queued }, new() { Value = now },
                    new() { Value = options.BatchSize },
                },
            };
            var batch = new List<MailNotification>(options.BatchSize);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    batch.Add(new MailNotification
                    {
                        Id = reader.GetGuid(0),
                        Recipient = reader.GetString(1),
                        Kind = reader.GetString(2),
                        Subject = reader.GetString(3),
                        Content = reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
                        TextBody = reader.IsDBNull(5) ? null : reader.GetString(5),
                        HtmlBody = reader.IsDBNull(6) ? null : reader.GetString(6),
                        State = reader.GetString(7),
                        Attempts = reader.GetInt32(8),
                        NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(9),
                        MessageId = reader.GetString(10),
                        CreatedAt = reader.GetFieldValue<DateTimeOffset>(11),
                    });
            batch.Sort((a, b) => a.Id.CompareTo(b.Id));
            return batch;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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
