namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// What the rules need to know about accounts that already exist: uniqueness of the address, the
/// type of each connection account, the existence of an APP's return address. Synchronous on purpose:
/// the caller pre-loads the addresses of <see cref="DirectoryLookups.AddressesOf"/> (one query for an
/// API call, one per batch of rows for an import) and answers from memory.
/// </summary>
public interface IAccountDirectory
{
    /// <summary>
    /// Type of the account at this address, compared case-insensitively ("Jean.Dupont@x.fr" is the
    /// same box as "jean.dupont@x.fr"); null when there is none. An import should also answer for
    /// rows it created earlier in the same file.
    /// </summary>
    AccountType? FindType(string email);

    /// <summary>
    /// Type of the account at this address when it belongs to the structure of the box being checked (or is to be
    /// created with it); null when there is none or it is another structure's. Connection accounts and return
    /// addresses are looked up with it, so their errors cannot tell an address of another structure from none.
    /// </summary>
    AccountType? FindOwnType(string email) => FindType(email);
}
