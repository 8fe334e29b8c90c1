using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>The rules that need existing accounts, asked through <see cref="IAccountDirectory"/>.</summary>
internal static class DirectoryRules
{
    public static void Check(RuleContext context)
    {
        if (context.Directory is not { } directory)
            return;
        var draft = context.Draft;

        // Unique in any case: "Secretariat@…" and "secretariat@…" are one mailbox for every mail server.
        if (context.Before is null && IsValid(draft.Email) && directory.FindType(draft.Email!) is not null)
            context.Error(AccountFields.Email,
                $"L'adresse mail {draft.Email} est déjà celle d'un compte Medimail (sans distinction de majuscules) : une adresse ne peut servir qu'à un seul compte.");

        if (context.Presence(AccountFields.ConnectionAccounts) != FieldPresence.Forbidden)
        {
            for (var i = 0; i < draft.ConnectionAccounts.Count; i++)
                CheckConnectionAccount(context, directory, draft.ConnectionAccounts[i], AccountFields.ConnectionAccount(i), draft.Email);
        }

        if (context.Is(AccountType.App) && IsValid(draft.ReturnAddress) && draft.ReturnAddress != draft.Email)
            CheckReturnAddress(context, directory, draft.ReturnAddress!);
    }

    private static void CheckConnectionAccount(RuleContext context, IAccountDirectory directory, string address, string field, string? self)
    {
        if (!IsValid(address) || address == self)
            return;
        // One message whether the address is unknown, another structure's, or a box of this one: it reveals nothing.
        if (directory.FindOwnType(address) is not { } type || !type.IsNominative())
            context.Error(field, ConnectionAccountRefused);
    }

    // Without the address: the field names it, and the text is then the same for every address refused.
    public const string ConnectionAccountRefused =
        "Ce compte de connexion n'est pas un compte nominatif (PER, INT ou MED) de cette structure : indiquez un compte nominatif existant de la structure.";

    public const string ReturnAddressRefused =
        "Cette adresse de retour n'est pas une BAL PER, INT, MED ou ORG de cette structure : indiquez une BAL existante de la structure, qui recevra les réponses.";

    private static void CheckReturnAddress(RuleContext context, IAccountDirectory directory, string address)
    {
        // An APP box reads no replies; like a connection account, unknown and another structure's get the same answer.
        if (directory.FindOwnType(address) is not { } type || type == AccountType.App)
            context.Error(AccountFields.ReturnAddress, ReturnAddressRefused);
    }

    private static bool IsValid(string? address) => address is not null && EmailAddress.IsValid(address);
}
