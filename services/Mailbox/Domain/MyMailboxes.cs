namespace Medimail.Mailbox.Domain;

/// <summary>One line of a person's box list: its own box or a shared box it reaches, with that person's settings.</summary>
public sealed record MyMailbox(string Address, string Type, string DisplayName, bool IsDefault, bool ReceptionNotice);

public static class MyMailboxes
{
    /// <summary>
    /// The own box first, then the shared boxes by name. A disabled shared box is left out: it cannot be opened.
    /// The own box is the default unless a listed shared box is, so a person always has exactly one.
    /// </summary>
    public static IReadOnlyList<MyMailbox> Compose(
        MailboxProjection? own, IEnumerable<(MailboxProjection Box, Delegation Delegation)> shared)
    {
        var usable = shared.Where(s => s.Box.State != MailboxTypes.Disabled)
            .OrderBy(s => s.Box.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(s => s.Box.Address, StringComparer.Ordinal)
            .ToList();
        var sharedDefault = usable.Any(s => s.Delegation.IsDefault);

        var list = new List<MyMailbox>(usable.Count + 1);
        if (own is not null)
            list.Add(new MyMailbox(own.Address, own.Type, own.DisplayName, !sharedDefault, ReceptionNotice: false));
        list.AddRange(usable.Select(s => new MyMailbox(
            s.Box.Address, s.Box.Type, s.Box.DisplayName, s.Delegation.IsDefault, s.Delegation.ReceptionNotice)));
        return list;
    }
}
