using Medimail.Contracts;

namespace Medimail.Mailbox.Domain;

/// <summary>
/// A box as this service knows it: a projection of Identity-Registry's account events, which stay the truth.
/// <see cref="Version"/> is the account's version, so an event older than what is held is ignored.
/// </summary>
public sealed class MailboxProjection
{
    public string Address { get; set; } = "";
    public string Type { get; set; } = "";
    public string State { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? ReturnAddress { get; set; }
    public string? MssanteAddress { get; set; }
    public string StructureId { get; set; } = "";
    public List<string> ConnectionAccounts { get; set; } = [];
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static MailboxProjection From(AccountSnapshot account)
    {
        var box = new MailboxProjection { Address = Addresses.Normalize(account.Email), Version = long.MinValue };
        box.Apply(account);
        return box;
    }

    /// <summary>Takes the snapshot if it is newer than what is held; returns false when it is not (a late or replayed event).</summary>
    public bool Apply(AccountSnapshot account)
    {
        if (account.Version <= Version)
            return false;
        Type = account.Type;
        State = account.State;
        DisplayName = DisplayNames.Of(account);
        ReturnAddress = Blank(account.ReturnAddress);
        MssanteAddress = Blank(account.MssanteAddress)?.ToLowerInvariant();
        StructureId = account.StructureId;
        // Only shared boxes have connection accounts; anything else in the event would grant access to nobody's box.
        ConnectionAccounts = MailboxTypes.IsShared(account.Type)
            ? account.ConnectionAccounts.Select(Addresses.Normalize).Where(a => a.Length > 0 && a != Address)
                .Distinct().Order(StringComparer.Ordinal).ToList()
            : [];
        Version = account.Version;
        UpdatedAt = account.UpdatedAt;
        return true;
    }

    /// <summary>The box itself, or one of the people it delegates to.</summary>
    public bool IsReachableBy(string normalizedEmail) =>
        Address == normalizedEmail || ConnectionAccounts.Contains(normalizedEmail);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
