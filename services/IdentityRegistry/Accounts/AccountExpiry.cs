using Medimail.Contracts;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>
/// docs/domain.md, "Account states": on its expiry date ("date de péremption", the day in France) an ACTIVE or PRE_REGISTERED
/// account becomes DISABLED by itself, remembering its state for a later re-activation, and the Directory and Mailbox
/// hear it through AccountStateChanged like any other disabling. Runs at start-up and then every
/// <c>Accounts:ExpiryCheckInterval</c> (15 min), in batches each committed with its events; replicas share the work
/// (rows are claimed with SKIP LOCKED), and an account an administrator is changing at that moment waits for the
/// next pass.
/// </summary>
internal sealed class AccountExpiry(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<AccountExpiry> logger)
    : BackgroundService
{
    private const int BatchSize = 500;
    public const string ChangedBy = "expiration (date de péremption)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue<TimeSpan?>("Accounts:ExpiryCheckInterval") ?? TimeSpan.FromMinutes(15);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await ExpireDueAsync(stoppingToken) is > 0 and var count)
                    logger.LogInformation("{Count} accounts reached their expiry date and were disabled", count);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The expiry check failed; it runs again at the next interval");
            }
        } while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    /// <summary>Disables every account whose expiry date is reached. Returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int disabled;
        do
        {
            disabled = await ExpireBatchAsync(cancellationToken);
            total += disabled;
        } while (disabled == BatchSize);
        return total;
    }

    private async Task<int> ExpireBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var today = ParisCalendar.Today(clock);
        // Locked first by raw SQL (EF cannot map SELECT * onto the account's complex address), then loaded by key.
        var emails = await db.Database.SqlQuery<string>($"""
            SELECT email AS "Value" FROM accounts
            WHERE expires_on <= {today} AND state IN ('ACTIVE', 'PRE_REGISTERED')
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var due = await db.Accounts.Where(a => emails.Contains(a.Email)).ToListAsync(cancellationToken);
        if (due.Count == 0)
            return 0;

        var structureIds = due.Select(a => a.StructureId).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var account in due)
        {
            var previous = account.State;
            var step = AccountLifecycle.Disable(StateNames.FromApi(previous));
            account.StateBeforeDisable = previous;
            account.State = step.To.ToApi();
            account.UpdatedAt = now;
            account.Version++;
            db.AddOutboxMessage(new AccountStateChanged(account.ToSnapshot(structures[account.StructureId]), previous, ChangedBy), now);
            Audit.AuditTrail.Add(db, new Audit.AuditDraft(Audit.AuditActor.System("expiration"), "ExpireAccount", account.Email, account.StructureId,
                Before: new { state = previous }, After: new { state = account.State, expiresOn = account.ExpiresOn?.ToString("yyyy-MM-dd") }), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
