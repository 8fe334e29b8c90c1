using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.IdentityRegistry.Domain.Reference;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>
/// A PER box is for a professional with RPPS or ADELI, at least one. The profession tells which:
/// an RPPS profession needs the RPPS; an ADELI profession takes either, since RPPS is absorbing ADELI.
/// </summary>
internal static class PersonIdentifierRules
{
    public static void Check(RuleContext context)
    {
        var draft = context.Draft;
        if (context.ShouldCheck(AccountFields.Rpps, draft.Rpps))
            context.Report(AccountFields.Rpps, Rpps.Check(draft.Rpps!));
        if (context.ShouldCheck(AccountFields.Adeli, draft.Adeli))
            context.Report(AccountFields.Adeli, Adeli.Check(draft.Adeli!));

        if (!context.Is(AccountType.Per))
            return;
        var hasRpps = DraftText.IsFilled(draft.Rpps);
        var hasAdeli = DraftText.IsFilled(draft.Adeli);
        if (!hasRpps && !hasAdeli)
        {
            context.Error(AccountFields.Rpps, "Le numéro RPPS ou le numéro ADELI est obligatoire pour une BAL PER (au moins l'un des deux).");
            return;
        }
        var profession = context.Reference.Professions.FindByCode(draft.Profession);
        if (profession?.Register == Register.Rpps && !hasRpps)
            context.Error(AccountFields.Rpps,
                $"Le numéro RPPS est obligatoire pour une BAL PER de la profession « {profession.Label} », inscrite au RPPS (l'ADELI ne suffit pas).");
        else if (profession?.Register == Register.None)
            context.Error(AccountFields.Profession,
                $"La profession « {profession.Label} » n'a ni RPPS ni ADELI : créez une BAL MED plutôt qu'une BAL PER.");
    }
}
