using Medimail.Contracts;
using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Projection;

/// <summary>
/// Applies account snapshots to <c>mailboxes</c> and <c>delegations</c>. Runs inside the idempotent consumer's
/// transaction: rows are locked <c>FOR UPDATE</c> because one box's events arrive through different queues, and
/// only the version check under that lock keeps an older snapshot from overwriting a newer one.
/// </summary>
public sealed class MailboxProjector(MailboxDbContext db, ILogger<MailboxProjector> logger)
{
    public async Task ApplyAsync(IReadOnlyCollection<AccountSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var latest = snapshots
            .GroupBy(s => Addresses.Normalize(s.Email))
            .Where(g => g.Key.Length > 0)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Version)!);
        if (latest.Count == 0)
            return;

        // Locked in address order, so two batches sharing boxes cannot deadlock.
        var addresses = latest.Keys.Order(StringComparer.Ordinal).ToArray();
        var held = await db.Mailboxes
            .FromSqlInterpolated($"SELECT * FROM mailboxes WHERE address = ANY({addresses}) ORDER BY address FOR UPDATE")
            .ToDictionaryAsync(b => b.Address, cancellationToken);
        var delegations = await db.Delegations.Where(d => addresses.Contains(d.BoxAddress)).ToListAsync(cancellationToken);

        foreach (var address in addresses)
        {
            var snapshot = latest[address];
            if (held.TryGetValue(address, out var box))
            {
                if (!box.Apply(snapshot))
                {
                    logger.LogDebug("Ignored version {Version} of {Address}: version {Held} is already applied",
                        snapshot.Version, address, box.Version);
                    continue;
                }
            }
            else
            {
                box = MailboxProjection.From(snapshot);
                db.Mailboxes.Add(box);
            }

            var plan = DelegationPlan.For(box, delegations);
            db.Delegations.RemoveRange(plan.ToRemove);
            db.Delegations.AddRange(plan.ToAdd);
        }
    }
}
