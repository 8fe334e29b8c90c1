namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

internal static class TypeRules
{
    public static void Check(RuleContext context)
    {
        var draft = context.Draft;
        if (!DraftText.IsFilled(draft.Type))
            context.Error(AccountFields.Type, "Le type de BAL est obligatoire : PER, INT, ORG, MED ou APP.");
        else if (context.Type is null)
            context.Error(AccountFields.Type, $"Le type de BAL « {draft.Type} » n'existe pas : choisissez PER, INT, ORG, MED ou APP.");

        // The address is the account's identity and the type fixes its rules: both are set for good at creation.
        if (context.Before is not { } before)
            return;
        if (before.Email is not null && draft.Email != before.Email)
            context.Error(AccountFields.Email, "L'adresse mail ne peut pas être modifiée : c'est l'identifiant du compte. Créez un nouveau compte.");
        if (before.Type is not null && draft.Type is not null && draft.Type != before.Type)
            context.Error(AccountFields.Type, $"Le type de BAL ne peut pas être modifié ({before.Type} vers {draft.Type}) : créez un nouveau compte.");
    }
}
