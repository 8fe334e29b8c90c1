using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Notification.Mail;

/// <summary>
/// Sends the queue. Each due mail is claimed in its own short transaction with <c>FOR UPDATE SKIP LOCKED</c>, so
/// several replicas share the queue without sending a mail twice at the same time, and a crash can repeat at most
/// the one mail in flight (with the same Message-ID). Outcomes are recorded on the row; nothing is ever dropped.
/// </summary>
public sealed class MailSender(
    IServiceScopeFactory scopes,
    MailTransportFactory transports,
    SmtpOptions options,
    TimeProvider clock,
    ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.UsesPickupFolder)
            logger.LogInformation("Mail goes to the pickup folder {Folder} (no Smtp:Host)", Path.GetFullPath(options.PickupFolder));
        else
            logger.LogInformation("Mail goes to SMTP server {Host}:{Port}", options.Host, options.Port);

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

    /// <summary>Sends every due mail, one transaction each, until none is due or the server is unreachable.</summary>
    public async Task<Pass> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var transport = transports.Open();
        int sent = 0, failed = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var claimed = await db.Notifications
                .FromSqlInterpolated($"""
                    SELECT * FROM notifications
                    WHERE state = {NotificationStates.Queued} AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at, created_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
            // Not composed with FirstOrDefault: EF would wrap the locking query in a subquery.
            var mail = claimed.SingleOrDefault();
            if (mail is null)
                return new Pass(sent, failed, ServerUnavailable: false);

            var serverUnavailable = false;
            try
            {
                await transport.SendAsync(MimeComposer.Compose(mail, options.FromAddress), cancellationToken);
                mail.MarkSent(clock.GetUtcNow());
                sent++;
                logger.LogInformation("Notification {NotificationId} ({Kind}) sent, attempt {Attempts}", mail.Id, mail.Kind, mail.Attempts);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                mail.RecordFailure(SendFailures.Describe(ex), SendFailures.IsPermanent(ex), options.Retry, clock.GetUtcNow(), Random.Shared.NextDouble());
                failed++;
                serverUnavailable = SendFailures.IsServerUnavailable(ex);
                logger.LogWarning("Notification {NotificationId} ({Kind}) not sent, attempt {Attempts}, now {State}: {Error}",
                    mail.Id, mail.Kind, mail.Attempts, mail.State, mail.LastError);
            }

            // The outcome is recorded even if shutdown begins now: the mail has left (or failed) either way.
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            if (serverUnavailable)
                return new Pass(sent, failed, ServerUnavailable: true);
        }
    }
}
