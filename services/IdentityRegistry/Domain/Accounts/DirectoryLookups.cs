namespace Medimail.IdentityRegistry.Domain.Accounts;

public static class DirectoryLookups
{
    /// <summary>
    /// Every address the rules may ask <see cref="IAccountDirectory"/> about, normalised as the rules
    /// will ask for it (trimmed, lower case, ";" lists split): the box itself, its connection accounts,
    /// its return address.
    /// </summary>
    public static IReadOnlyCollection<string> AddressesOf(AccountDraft draft)
    {
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        if (DraftText.Lower(draft.Email) is { } email)
            addresses.Add(email);
        if (DraftText.Lower(draft.ReturnAddress) is { } returnAddress)
            addresses.Add(returnAddress);
        addresses.UnionWith(DraftText.AddressList(draft.ConnectionAccounts));
        return addresses;
    }
}
