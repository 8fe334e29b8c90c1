using Medimail.IdentityRegistry.Audit;
using Medimail.IdentityRegistry.Domain.Accounts;
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
    : AccountBatchJob(scopes, clock, logger)
{
    public const string ChangedBy = "expiration (date de péremption)";

    protected override TimeSpan Interval => configuration.GetValue<TimeSpan?>("Accounts:ExpiryCheckInterval") ?? TimeSpan.FromMinutes(15);

    protected override async Task<string?> PassAsync(CancellationToken cancellationToken) =>
        await ExpireDueAsync(cancellationToken) is > 0 and var count ? $"{count} account(s) reached their expiry date and were disabled" : null;

    /// <summary>Disables every account whose expiry date is reached. Returns how many.</summary>
    public Task<int> ExpireDueAsync(CancellationToken cancellationToken) => InBatchesAsync(async (db, now) =>
    {
        var today = ParisCalendar.Today(Clock);
        // Locked first by raw SQL (EF cannot map SELECT * onto the account's complex address), then loaded by key.
        var emails = await db.Database.SqlQuery<string>($"""
            SELECT email AS "Value" FROM accounts
            WHERE expires_on <= {today} AND state IN ('ACTIVE', 'PRE_REGISTERED')
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var due = await db.Accounts.Where(a => emails.Contains(a.Email)).ToListAsync(cancellationToken);
        await DisableAsync(db, due, ChangedBy, (account, previous) => new AuditDraft(AuditActor.System("expiration"), "ExpireAccount",
            account.Email, account.StructureId, Before: new { state = previous },
            After: new { state = account.State, expiresOn = account.ExpiresOn?.ToString("yyyy-MM-dd") }), now, cancellationToken);
        return due.Count;
    }, cancellationToken);
}
