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
        var type = directory.FindType(address);
        if (type is null)
            context.Error(field, $"Le compte de connexion {address} n'existe pas : créez d'abord ce compte nominatif (PER, INT ou MED).");
        else if (!type.Value.IsNominative())
            context.Error(field,
                $"Le compte de connexion {address} est une BAL {type.Value.ToCode()} : un compte de connexion doit être un compte nominatif PER, INT ou MED.");
    }

    private static void CheckReturnAddress(RuleContext context, IAccountDirectory directory, string address)
    {
        var type = directory.FindType(address);
        if (type is null)
            context.Error(AccountFields.ReturnAddress,
                $"L'adresse de retour {address} n'est pas une BAL existante : indiquez une BAL MSSanté existante qui recevra les réponses.");
        else if (type == AccountType.App)
            context.Error(AccountFields.ReturnAddress,
                $"L'adresse de retour {address} est une BAL applicative, qui ne lit pas les réponses : indiquez une BAL PER, INT, MED ou ORG.");
    }

    private static bool IsValid(string? address) => address is not null && EmailAddress.IsValid(address);
}
