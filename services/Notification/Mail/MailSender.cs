using Medimail.Notification.Data;
using Medimail.Notification.Domain;

namespace Medimail.Notification.Mail;

/// <summary>
/// Sends the queue with <see cref="SmtpOptions.Workers"/> parallel workers, each keeping its own SMTP connection
/// open while there is mail. A worker leases a batch of due mail (<see cref="MailBatches.ClaimAsync"/>) and sends it;
/// its outcomes are recorded while sending goes on, one statement per database round trip holding every outcome
/// that arrived meanwhile (<see cref="OutcomeRecorder"/>). Mails a worker sent but had not recorded when it died stay
/// leased: due again when the lease ends, they go out again with the same Message-ID, so delivery is at-least-once,
/// nothing is lost and the receiving side can recognise the repeat. Workers and replicas never hold the same mail at
/// the same time.
/// </summary>
public sealed class MailSender(
    IServiceScopeFactory scopes,
    MailTransportFactory transports,
    MailBatches batches,
    MailSignal signal,
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
            try
            {
                var pass = await SendDueAsync(stoppingToken);
                // The server is down: give it the first retry delay rather than trying the next mail at once.
                if (pass.ServerUnavailable)
                    await Task.Delay(options.RetryBaseDelay, clock, stoppingToken);
                else
                    await signal.WaitAsync(options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Mail sender pass failed; retrying");
                try { await Task.Delay(options.PollInterval, clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    public sealed record Pass(int Sent, int Failed, bool ServerUnavailable);

    /// <summary>
    /// Sends every due mail, a leased batch at a time, over one connection, until none is due or the server is
    /// unreachable. Outcomes are recorded while sending goes on (<see cref="OutcomeRecorder"/>); every outcome is
    /// written before this returns.
    /// </summary>
    public async Task<Pass> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var transport = transports.Open();
        var recorder = new OutcomeRecorder(scopes, batches, logger);
        int sent = 0, failed = 0;
        IReadOnlyList<Guid> untried = [];
        try
        {
            while (true)
            {
                List<MailNotification> batch;
                await using (var scope = scopes.CreateAsyncScope())
                    batch = await batches.ClaimAsync(scope.ServiceProvider.GetRequiredService<NotificationDbContext>(), cancellationToken);
                if (batch.Count == 0)
                    return new Pass(sent, failed, ServerUnavailable: false);

                var outcome = await SendBatchAsync(transport, batch, recorder, cancellationToken);
                sent += outcome.Sent;
                failed += outcome.Failed;
                untried = outcome.Untried;
                if (outcome.ServerUnavailable || outcome.Untried.Count > 0)
                    return new Pass(sent, failed, outcome.ServerUnavailable);
            }
        }
        finally
        {
            await recorder.FlushAsync(untried);
        }
    }

    private sealed record BatchOutcome(List<Guid> Untried, int Sent, int Failed, bool ServerUnavailable);

    private async Task<BatchOutcome> SendBatchAsync(IMailTransport transport, List<MailNotification> batch, OutcomeRecorder recorder,
        CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var mail = batch[i];
            if (cancellationToken.IsCancellationRequested)
                return new BatchOutcome(batch.Skip(i).Select(m => m.Id).ToList(), sent, failed, false);
            try
            {
                await transport.SendAsync(MimeComposer.Compose(mail, options.FromAddress), cancellationToken);
                mail.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutdown in the middle of this mail: it may or may not have left; its lease brings it back either way.
                return new BatchOutcome(batch.Skip(i + 1).Select(m => m.Id).ToList(), sent, failed, false);
            }
            catch (Exception ex)
            {
                mail.RecordFailure(SendFailures.Describe(ex), SendFailures.IsPermanent(ex), options.Retry, clock.GetUtcNow(), Random.Shared.NextDouble());
                failed++;
                logger.LogWarning("Notification {NotificationId} ({Kind}) not sent, attempt {Attempts}, now {State}: {Error}",
                    mail.Id, mail.Kind, mail.Attempts, mail.State, mail.LastError);
                if (SendFailures.IsServerUnavailable(ex))
                {
                    recorder.Add(mail);
                    return new BatchOutcome(batch.Skip(i + 1).Select(m => m.Id).ToList(), sent, failed, true);
                }
            }
            recorder.Add(mail);
        }
        return new BatchOutcome([], sent, failed, false);
    }
}
