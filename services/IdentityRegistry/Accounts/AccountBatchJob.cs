using Medimail.Contracts;
using Medimail.IdentityRegistry.Audit;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>
/// What the account jobs (expiry, inactivity) share: a pass at start-up then every <see cref="Interval"/>, a failed pass
/// logged and tried again at the next one; work in batches of <see cref="BatchSize"/>, each in its own scope and
/// transaction, committed with its events and audit entries (the rows are claimed FOR UPDATE SKIP LOCKED by the job,
/// so replicas share them); and the disabling both do.
/// </summary>
internal abstract class AccountBatchJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected const int BatchSize = 500;

    protected TimeProvider Clock => clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass; what it did, for the log, or null when it did nothing.</summary>
    protected abstract Task<string?> PassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                if (await PassAsync(stoppingToken) is { } done)
                    logger.LogInformation("{Job}: {Done}", GetType().Name, done);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Job} failed; it runs again at the next interval", GetType().Name);
            }
        } while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    /// <summary>
    /// Runs <paramref name="batch"/> (given the context, inside its transaction, and the time) until one claims fewer than
    /// <see cref="BatchSize"/> rows; each batch that did something is saved and committed. Returns the total.
    /// </summary>
    protected async Task<int> InBatchesAsync(Func<IdentityDbContext, DateTimeOffset, Task<int>> batch, CancellationToken cancellationToken)
    {
        int total = 0, done;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            done = await batch(db, clock.GetUtcNow());
            if (done > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            total += done;
        } while (done == BatchSize);
        return total;
    }

    /// <summary>
    /// Disables the (tracked) accounts, each remembering its state for a later re-activation, with its AccountStateChanged
    /// event and its audit entry (<paramref name="audit"/>, given the account and its previous state), in the batch's context.
    /// </summary>
    protected static async Task DisableAsync(IdentityDbContext db, IReadOnlyList<AccountRecord> accounts, string changedBy,
        Func<AccountRecord, string, AuditDraft> audit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var structureIds = accounts.Select(a => a.StructureId).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var account in accounts)
        {
            var previous = account.State;
            account.StateBeforeDisable = previous;
            account.State = AccountLifecycle.Disable(StateNames.FromApi(previous)).To.ToApi();
            account.UpdatedAt = now;
            account.Version++;
            db.AddOutboxMessage(new AccountStateChanged(account.ToSnapshot(structures[account.StructureId]), previous, changedBy), now);
            AuditTrail.Add(db, audit(account, previous), now);
        }
    }
}
