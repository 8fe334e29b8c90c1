using Medimail.Contracts;
using Medimail.IdentityRegistry.Audit;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>
/// CNIL deliberation 2014-239: an ACTIVE account nobody signed in to for <c>Inactivity:NoticeAfter</c> (11 months) gets a
/// notice e-mail; after <c>Inactivity:DisableAfter</c> (12 months) it is DISABLED, unless the person signed in meanwhile.
/// A person's activity is its last sign-in (or its creation when it never signed in); an ORG or APP box never signs in,
/// so its activity is the latest of its connection accounts'. One notice per period of inactivity
/// (<c>inactivity_notice_at</c>); an account is only disabled after its notice. Batches of 500, each committed with its
/// events and audit entries; replicas share the rows (FOR UPDATE SKIP LOCKED), so nobody gets two notices.
/// </summary>
internal sealed class AccountInactivity(IServiceScopeFactory scopes, InactivityOptions options, TimeProvider clock, ILogger<AccountInactivity> logger)
    : AccountBatchJob(scopes, clock, logger)
{
    public const string Actor = "inactivity";

    /// <summary>The account's last activity, in SQL: its own sign-in, or its connection accounts' for a shared box.</summary>
    private const string LastActivity = """
        CASE WHEN a.type IN ('ORG', 'APP')
             THEN (SELECT max(COALESCE(c.last_sign_in_at, c.created_at)) FROM accounts c WHERE c.email = ANY(a.connection_accounts))
             ELSE COALESCE(a.last_sign_in_at, a.created_at) END
        """;

    protected override TimeSpan Interval => options.CheckInterval;

    protected override async Task<string?> PassAsync(CancellationToken cancellationToken) =>
        await RunAsync(cancellationToken) is var (noticed, disabled) && noticed + disabled > 0
            ? $"{noticed} notice(s) sent, {disabled} account(s) disabled" : null;

    /// <summary>One pass: disable who was noticed and stayed inactive, then notice who became inactive.</summary>
    public async Task<(int Noticed, int Disabled)> RunAsync(CancellationToken cancellationToken)
    {
        var disabled = await InBatchesAsync((db, now) => DisableBatchAsync(db, now, cancellationToken), cancellationToken);
        var noticed = await InBatchesAsync((db, now) => NoticeBatchAsync(db, now, cancellationToken), cancellationToken);
        return (noticed, disabled);
    }

    private async Task<int> NoticeBatchAsync(IdentityDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.NoticeAfter;
        var due = await ClaimAsync(db, $"""
            SELECT a.email AS email, ({LastActivity}) AS last_activity FROM accounts a
            WHERE a.state = 'ACTIVE' AND ({LastActivity}) < @cutoff
              AND (a.inactivity_notice_at IS NULL OR a.inactivity_notice_at < ({LastActivity}))
            LIMIT {BatchSize} FOR UPDATE OF a SKIP LOCKED
            """, cutoff, cancellationToken);
        if (due.Count == 0)
            return 0;

        var accounts = await LoadAsync(db, due, cancellationToken);
        foreach (var account in accounts)
        {
            var last = due[account.Email];
            account.InactivityNoticeAt = now;
            // Disabled at the end of the twelve months, but never sooner after the notice than the rules' gap between the two.
            var earliest = now + (options.DisableAfter - options.NoticeAfter);
            var disableOn = last + options.DisableAfter > earliest ? last + options.DisableAfter : earliest;
            db.AddOutboxMessage(new AccountNoticeRequested("INACTIVITY_NOTICE", account.Email, new Dictionary<string, string>
            {
                ["displayName"] = $"{account.FirstName} {account.LastName}".Trim(),
                ["address"] = account.Email,
                ["lastActivity"] = ParisCalendar.DateOf(last).ToString("dd/MM/yyyy"),
                ["disableOn"] = ParisCalendar.DateOf(disableOn).ToString("dd/MM/yyyy"),
                ["boxAddress"] = "",
                ["reason"] = "",
            }, Actor), now);
            AuditTrail.Add(db, new AuditDraft(AuditActor.System(Actor), "InactivityNotice", account.Email, account.StructureId,
                After: new { lastActivity = last }), now);
        }
        return accounts.Count;
    }

    private async Task<int> DisableBatchAsync(IdentityDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.DisableAfter;
        // Only after the notice of this period (an account whose notice predates its last activity signed in meanwhile),
        // and never sooner after it than the gap between the two delays, the date the notice announced.
        var noticedBefore = now - (options.DisableAfter - options.NoticeAfter);
        var due = await ClaimAsync(db, $"""
            SELECT a.email AS email, ({LastActivity}) AS last_activity FROM accounts a
            WHERE a.state = 'ACTIVE' AND ({LastActivity}) < @cutoff
              AND a.inactivity_notice_at IS NOT NULL AND a.inactivity_notice_at >= ({LastActivity})
              AND a.inactivity_notice_at <= @noticedBefore
            LIMIT {BatchSize} FOR UPDATE OF a SKIP LOCKED
            """, cutoff, cancellationToken, noticedBefore);
        if (due.Count == 0)
            return 0;

        var accounts = await LoadAsync(db, due, cancellationToken);
        await DisableAsync(db, accounts, "inactivité (CNIL 2014-239)", (account, previous) => new AuditDraft(AuditActor.System(Actor),
            "InactivityDisable", account.Email, account.StructureId, Before: new { state = previous },
            After: new { state = account.State, lastActivity = due[account.Email] }), now, cancellationToken);
        return accounts.Count;
    }

    private sealed class Candidate
    {
        public string Email { get; set; } = "";
        public DateTimeOffset LastActivity { get; set; }
    }

    private static async Task<Dictionary<string, DateTimeOffset>> ClaimAsync(
        IdentityDbContext db, string sql, DateTimeOffset cutoff, CancellationToken cancellationToken, DateTimeOffset? noticedBefore = null)
    {
        object[] parameters = noticedBefore is { } before
            ? [new Npgsql.NpgsqlParameter("cutoff", cutoff), new Npgsql.NpgsqlParameter("noticedBefore", before)]
            : [new Npgsql.NpgsqlParameter("cutoff", cutoff)];
        var rows = await db.Database.SqlQueryRaw<Candidate>(sql, parameters).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Email, r => r.LastActivity);
    }

    private static Task<List<AccountRecord>> LoadAsync(IdentityDbContext db, Dictionary<string, DateTimeOffset> due, CancellationToken cancellationToken)
    {
        var emails = due.Keys.ToList();
        return db.Accounts.Where(a => emails.Contains(a.Email)).ToListAsync(cancellationToken);
    }
}
