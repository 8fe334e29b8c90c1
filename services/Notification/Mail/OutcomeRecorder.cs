using Medimail.Notification.Data;
using Medimail.Notification.Domain;

namespace Medimail.Notification.Mail;

/// <summary>
/// One worker's group commit of send outcomes. Each outcome is handed over as soon as the server answered; one record
/// statement is in flight at a time and takes every outcome that arrived meanwhile. So a worker writes one statement
/// per database round trip rather than per mail, and a crash can repeat only what was sent during the last round
/// trip, not a whole batch. Used by one worker's single flow of control: no locking.
/// </summary>
internal sealed class OutcomeRecorder(IServiceScopeFactory scopes, MailBatches batches, ILogger logger)
{
    private List<MailNotification> pending = [];
    private Task inFlight = Task.CompletedTask;

    public void Add(MailNotification mail)
    {
        pending.Add(mail);
        if (inFlight.IsCompleted)
            inFlight = RecordAsync(Take(), []);
    }

    /// <summary>Waits for the statement in flight, then records what is left and gives back the untried leases.</summary>
    public async Task FlushAsync(IReadOnlyList<Guid> untried)
    {
        await inFlight;
        if (pending.Count > 0 || untried.Count > 0)
            await RecordAsync(Take(), untried);
    }

    private List<MailNotification> Take()
    {
        var taken = pending;
        pending = [];
        return taken;
    }

    /// <summary>Never cancelled: what left (or failed) must be written down, even while the service stops.</summary>
    private async Task RecordAsync(List<MailNotification> tried, IReadOnlyList<Guid> untried)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
            await batches.RecordAsync(db, tried);
            await batches.ReleaseAsync(db, untried);
        }
        catch (Exception ex)
        {
            // These mails stay leased: due again when the lease ends, they go out again under the same Message-ID.
            logger.LogWarning(ex, "Mail sender could not record {Count} outcome(s); they will be sent again after their lease", tried.Count);
        }
    }
}
