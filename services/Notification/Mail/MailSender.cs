using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Notification.Mail;

/// <summary>
/// Sends the queue with <see cref="SmtpOptions.Workers"/> parallel workers, each keeping its own SMTP connection
/// open from one mail to the next. Workers lease batches of due mail (<c>FOR UPDATE SKIP LOCKED</c>, then a lease on
/// the row), so workers and replicas share the queue without sending a mail twice at the same time; each outcome is
/// recorded as soon as the server answers, so a crash can repeat at most the mail in flight, one per worker, with the
/// same Message-ID. Nothing is ever dropped: a leased mail of a dead worker is due again when its lease ends.
/// </summary>
public sealed class MailSender(
    IServiceScopeFactory scopes,
    MailTransportFactory transports,
    SmtpOptions options,
    TimeProvider clock,
    ILogger<MailSender> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.UsesPickupFolder)
            logger.LogInformation("Mail goes to the pickup folder {Folder} (no Smtp:Host)", Path.GetFullPath(options.PickupFolder));
        else
            logger.LogInformation("Mail goes to SMTP server {Host}:{Port} with {Workers} worker(s)", options.Host, options.Port, options.Workers);
        return Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = options.PollInterval;
            try
            {
                var pass = await SendDueAsync(stoppingToken);
                // The server is down: give it the first retry delay rather than trying the next mail at once.
                if (pass.ServerUnavailable)
                    pause = options.RetryBaseDelay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Mail sender pass failed; retrying");
            }

            try { await Task.Delay(pause, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public sealed record Pass(int Sent, int Failed, bool ServerUnavailable);

    /// <summary>Sends every due mail, a leased batch at a time, until none is due or the server is unreachable.</summary>
    public async Task<Pass> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var transport = transports.Open();
        int sent = 0, failed = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
            var batch = await ClaimAsync(db, cancellationToken);
            if (batch.Count == 0)
                return new Pass(sent, failed, ServerUnavailable: false);

            for (var i = 0; i < batch.Count; i++)
            {
                var mail = batch[i];
                var serverUnavailable = false;
                try
                {
                    await transport.SendAsync(MimeComposer.Compose(mail, options.FromAddress), cancellationToken);
                    mail.MarkSent(clock.GetUtcNow());
                    sent++;
                    logger.LogDebug("Notification {NotificationId} ({Kind}) sent, attempt {Attempts}", mail.Id, mail.Kind, mail.Attempts);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    mail.RecordFailure(SendFailures.Describe(ex), SendFailures.IsPermanent(ex), options.Retry, clock.GetUtcNow(), Random.Shared.NextDouble());
                    failed++;
                    serverUnavailable = SendFailures.IsServerUnavailable(ex);
                    logger.LogWarning("Notification {NotificationId} ({Kind}) not sent, attempt {Attempts}, now {State}: {Error}",
                        mail.Id, mail.Kind, mail.Attempts, mail.State, mail.LastError);
                }
                catch (OperationCanceledException)
                {
                    await ReleaseAsync(db, batch.Skip(i).Select(m => m.Id).ToList());
                    throw;
                }

                // Recorded at once, even if shutdown begins now: the mail has left (or failed) either way, and a crash
                // after this line can no longer send it again. One plain UPDATE: no change tracking per mail.
                await RecordAsync(db, mail);
                if (serverUnavailable)
                {
                    await ReleaseAsync(db, batch.Skip(i + 1).Select(m => m.Id).ToList());
                    return new Pass(sent, failed, ServerUnavailable: true);
                }
            }
            if (batch.Count > 1)
                logger.LogInformation("Mail sender: batch of {Count} done ({Sent} sent, {Failed} failed so far this pass)", batch.Count, sent, failed);
        }
    }

    /// <summary>
    /// Leases up to <see cref="SmtpOptions.BatchSize"/> due mails to this worker by pushing their next attempt past the
    /// lease, in one statement: other workers and replicas skip them, and if this process dies they become due again
    /// when the lease ends. Only the mail being sent at the moment of a crash can go twice (same Message-ID).
    /// </summary>
    private async Task<List<MailNotification>> ClaimAsync(NotificationDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leasedUntil = now + options.Lease;
        // Not composed further: EF would wrap the statement in a subquery.
        return await db.Notifications
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
    }

    private static Task RecordAsync(NotificationDbContext db, MailNotification mail) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE notifications
            SET state = {mail.State}, attempts = {mail.Attempts}, last_error = {mail.LastError},
                next_attempt_at = {mail.NextAttemptAt}, sent_at = {mail.SentAt}
            WHERE id = {mail.Id}
            """, CancellationToken.None);

    /// <summary>Mails leased but not tried (the server went away, or shutdown): due again now, not at the end of the lease.</summary>
    private async Task ReleaseAsync(NotificationDbContext db, List<Guid> ids)
    {
        if (ids.Count == 0)
            return;
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => ids.Contains(n.Id) && n.State == NotificationStates.Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.NextAttemptAt, now), CancellationToken.None);
    }
}
