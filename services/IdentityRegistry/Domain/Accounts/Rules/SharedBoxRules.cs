using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.IdentityRegistry.Domain.Reference;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>
/// ORG and APP boxes are not people: reached through connection accounts, named generically
/// ("Secrétariat" / "EHPAD Les Mimosas"), and for APP answered through a return address.
/// Whether a name "is generic" cannot be proven, so those checks only warn.
/// </summary>
internal static class SharedBoxRules
{
    public static void Check(RuleContext context)
    {
        if (context.Type is not { } type || type is not (AccountType.Org or AccountType.App))
            return;
        var draft = context.Draft;
        CheckConnectionAccounts(context, draft);
        if (type == AccountType.App)
            CheckReturnAddress(context, draft);
        WarnOnNominativeNames(context, draft, type);
        if (type == AccountType.App && DraftText.IsFilled(draft.Email) && !LooksNoReply(draft.Email!))
            context.Warning(AccountFields.Email,
                "L'ANS préconise une adresse générique de type « no-reply » pour une BAL APP (ex. no-reply@mastructure.fr).");
    }

    private static void CheckConnectionAccounts(RuleContext context, AccountDraft draft)
    {
        for (var i = 0; i < draft.ConnectionAccounts.Count; i++)
        {
            var address = draft.ConnectionAccounts[i];
            var field = AccountFields.ConnectionAccount(i);
            if (!context.Report(field, EmailAddress.Check(address, "Le compte de connexion")))
                continue;
            if (address == draft.Email)
                context.Error(field, "Une BAL ne peut pas être son propre compte de connexion : indiquez le compte nominatif (PER, INT ou MED) d'une personne.");
        }
    }

    private static void CheckReturnAddress(RuleContext context, AccountDraft draft)
    {
        if (!DraftText.IsFilled(draft.ReturnAddress))
            return;
        if (!context.Report(AccountFields.ReturnAddress, EmailAddress.Check(draft.ReturnAddress!, "L'adresse de retour")))
            return;
        if (draft.ReturnAddress == draft.Email)
            context.Error(AccountFields.ReturnAddress,
                "L'adresse de retour doit être une autre BAL que la BAL applicative elle-même, qui ne lit pas les réponses.");
    }

    private static void WarnOnNominativeNames(RuleContext context, AccountDraft draft, AccountType type)
    {
        var responsible = draft.Responsible;
        if (SameName(draft.LastName, responsible.LastName))
            context.Warning(AccountFields.LastName,
                $"Le NOM d'une BAL {type.ToCode()} doit être générique (ex. « Secrétariat ») : il reprend ici celui du responsable.");
        if (SameName(draft.FirstName, responsible.FirstName))
            context.Warning(AccountFields.FirstName,
                $"Le prénom d'une BAL {type.ToCode()} doit être générique et montrer l'établissement (ex. « EHPAD Les Mimosas ») : il reprend ici celui du responsable.");
        if (DraftText.IsFilled(draft.Email) && DraftText.IsFilled(responsible.LastName))
        {
            var name = Compact(responsible.LastName!);
            if (name.Length >= 3 && Compact(EmailAddress.LocalPartOf(draft.Email!)).Contains(name, StringComparison.Ordinal))
                context.Warning(AccountFields.Email,
                    $"L'adresse d'une BAL {type.ToCode()} doit être générique (ex. secretariat@…) : elle contient ici le nom du responsable.");
        }
    }

    private static bool SameName(string? a, string? b) =>
        DraftText.IsFilled(a) && DraftText.IsFilled(b) && LabelKey.For(a!) == LabelKey.For(b!);

    private static string Compact(string text) => LabelKey.For(text).Replace(" ", "", StringComparison.Ordinal);

    private static bool LooksNoReply(string email)
    {
        var local = Compact(EmailAddress.LocalPartOf(email));
        return local.Contains("reply", StringComparison.Ordinal) || local.Contains("repondre", StringComparison.Ordinal);
    }
}
