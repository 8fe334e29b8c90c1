namespace Medimail.Mailbox.Domain;

/// <summary>
/// What to change so a box's delegations match its connection accounts. Delegations that stay keep their settings:
/// an administrator editing the list must not reset what each person chose.
/// </summary>
public sealed record DelegationPlan(IReadOnlyList<Delegation> ToAdd, IReadOnlyList<Delegation> ToRemove)
{
    public static DelegationPlan For(MailboxProjection box, IEnumerable<Delegation> current)
    {
        var existing = current.Where(d => d.BoxAddress == box.Address).ToList();
        var wanted = box.ConnectionAccounts.ToHashSet(StringComparer.Ordinal);
        var toRemove = existing.Where(d => !wanted.Contains(d.ConnectionAccount)).ToList();
        var kept = existing.Select(d => d.ConnectionAccount).ToHashSet(StringComparer.Ordinal);
        var toAdd = box.ConnectionAccounts.Where(a => !kept.Contains(a))
            .Select(a => new Delegation { ConnectionAccount = a, BoxAddress = box.Address })
            .ToList();
        return new DelegationPlan(toAdd, toRemove);
    }
}
