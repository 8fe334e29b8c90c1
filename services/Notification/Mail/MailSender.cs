using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Notification.Mail;

/// <summary>
/// Sends the queue with <see cref="SmtpOptions.Workers"/> parallel workers, each keeping its own SMTP connection
/// open while there is mail. A worker leases a batch of due mail (<see cref="MailBatches.ClaimAsync"/>), sends it,
/// then records every outcome of the batch in one statement while it already claims and sends the next batch. A
/// worker that dies before recording leaves its batch leased: it is due again when the lease ends and goes out again
/// with the same Message-ID, so delivery is at-least-once and nothing is lost; the receiving side can recognise the
/// repeat. Workers and replicas never hold the same mail at the same time.
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
    private readonly MimeComposer composer = new(options.FromAddress);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.UsesPickupFolder)
            logger.LogInformation("Mail goes to the pickup folder {Folder} (no Smtp:Host)", Path.GetFullPath(options.PickupFolder));
        else
            logger.LogInformation("Mail goes to SMTP server {Host}:{Port} with {Workers} worker(s)", options.Host, options.Port, options.Workers);
        return Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    private Task WorkAsync(CancellationToken stoppingToken) =>
        signal.RunAsync("Mail sender", async cancellationToken =>
            // The server is down: give it the first retry delay rather than trying the next mail at once.
            (await SendDueAsync(cancellationToken)).ServerUnavailable ? options.RetryBaseDelay : null,
            options.PollInterval, clock, logger, stoppingToken);

    public sealed record Pass(int Sent, int Failed, bool ServerUnavailable);

    /// <summary>
    /// Sends every due mail, a leased batch at a time, over one connection, until none is due or the server is
    /// unreachable. At most one batch's record is in flight while the next is sent; it is awaited before returning.
    /// </summary>
    public async Task<Pass> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var transport = transports.Open();
        int sent = 0, failed = 0;
        var recording = Task.CompletedTask;
        try
        {
            while (true)
            {
                List<MailNotification> batch;
                await using (var scope = scopes.CreateAsyncScope())
                    batch = await batches.ClaimAsync(scope.ServiceProvider.GetRequiredService<NotificationDbContext>(), cancellationToken);
                if (batch.Count == 0)
                    return new Pass(sent, failed, ServerUnavailable: false);

                var outcome = await SendBatchAsync(transport, batch, cancellationToken);
                sent += outcome.Sent;
                failed += outcome.Failed;
                // One record in flight per worker: the previous one must have landed before the next starts.
                await recording;
                recording = RecordAsync(outcome.Tried, outcome.Untried);
                if (outcome.ServerUnavailable || outcome.Untried.Count > 0)
                    return new Pass(sent, failed, outcome.ServerUnavailable);
            }
        }
        finally
        {
            await recording;
        }
    }

    private sealed record BatchOutcome(List<MailNotification> Tried, List<Guid> Untried, int Sent, int Failed, bool ServerUnavailable);

    private async Task<BatchOutcome> SendBatchAsync(IMailTransport transport, List<MailNotification> batch, CancellationToken cancellationToken)
    {
        var tried = new List<MailNotification>(batch.Count);
        int sent = 0, failed = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var mail = batch[i];
            if (cancellationToken.IsCancellationRequested)
                return new BatchOutcome(tried, batch.Skip(i).Select(m => m.Id).ToList(), sent, failed, false);
            try
            {
                await transport.SendAsync(new OutgoingMail(mail.MessageId, mail.Recipient, composer.ContentOf(mail)), cancellationToken);
                mail.MarkSent(clock.GetUtcNow());
                MailMetrics.Tried(mail);
                sent++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutdown in the middle of this mail: it may or may not have left; its lease brings it back either way.
                return new BatchOutcome(tried, batch.Skip(i + 1).Select(m => m.Id).ToList(), sent, failed, false);
            }
            catch (Exception ex)
            {
                mail.RecordFailure(SendFailures.Describe(ex), SendFailures.IsPermanent(ex), options.Retry, clock.GetUtcNow(), Random.Shared.NextDouble());
                failed++;
                MailMetrics.Tried(mail);
                logger.LogWarning("Notification {NotificationId} ({Kind}) not sent, attempt {Attempts}, now {State}: {Error}",
                    mail.Id, mail.Kind, mail.Attempts, mail.State, mail.LastError);
                if (SendFailures.IsServerUnavailable(ex))
                {
                    tried.Add(mail);
                    return new BatchOutcome(tried, batch.Skip(i + 1).Select(m => m.Id).ToList(), sent, failed, true);
                }
            }
            tried.Add(mail);
        }
        return new BatchOutcome(tried, [], sent, failed, false);
    }

    /// <summary>Never cancelled: what left (or failed) must be written down, even while the service stops.</summary>
    private async Task RecordAsync(List<MailNotification> tried, List<Guid> untried)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
            await batches.RecordAsync(db, tried);
            await batches.ReleaseAsync(db, untried);
            if (tried.Count > 1)
                logger.LogDebug("Mail sender: batch of {Count} recorded", tried.Count);
        }
        catch (Exception ex)
        {
            // The batch stays leased: it is due again when the lease ends and goes out again under the same Message-ID.
            logger.LogWarning(ex, "Mail sender could not record a batch of {Count}; it will be sent again after its lease", tried.Count);
        }
    }
}
