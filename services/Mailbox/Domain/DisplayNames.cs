using Medimail.Contracts;

namespace Medimail.Mailbox.Domain;

public static class DisplayNames
{
    /// <summary>
    /// A person reads "Prénom NOM". A shared box shows its description, the label recipients see (docs/domain.md);
    /// without one, its generic names read naturally last name first ("Secrétariat EHPAD Les Mimosas").
    /// </summary>
    public static string Of(AccountSnapshot account)
    {
        if (MailboxTypes.IsShared(account.Type))
        {
            return string.IsNullOrWhiteSpace(account.Description)
                ? Join(account.LastName, account.FirstName)
                : account.Description.Trim();
        }
        return Join(account.FirstName, account.LastName);
    }

    private static string Join(string first, string second) =>
        string.Join(' ', new[] { first, second }.Select(s => s.Trim()).Where(s => s.Length > 0));
}
