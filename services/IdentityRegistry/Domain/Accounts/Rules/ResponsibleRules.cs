using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.IdentityRegistry.Domain.Reference;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>
/// The accountable professional of an ORG or APP box must be "habilité": a profession of the RPPS or
/// ADELI register and the matching number. « Guide de création des comptes » says "N° RPPS" for ORG, « Créer et paramétrer une BAL organisationnelle » and the APP guide
/// say RPPS or ADELI: we accept both, with the same profession-to-register rule as a PER box.
/// </summary>
internal static class ResponsibleRules
{
    public static void Check(RuleContext context)
    {
        var responsible = context.Draft.Responsible;
        Profession? profession = null;
        if (context.ShouldCheck(AccountFields.ResponsibleProfession, responsible.Profession))
        {
            profession = context.Reference.Professions.FindByCode(responsible.Profession);
            if (profession is null)
                context.Error(AccountFields.ResponsibleProfession,
                    $"La profession du responsable « {responsible.Profession} » ne fait pas partie de la liste des professions.");
            else if (profession.Register == Register.None)
                context.Error(AccountFields.ResponsibleProfession,
                    $"Le responsable doit être un professionnel habilité, avec un RPPS ou un ADELI : la profession « {profession.Label} » n'en a pas.");
        }

        if (!context.ShouldCheck(AccountFields.ResponsibleIdentifier, responsible.Identifier))
            return;
        var identifier = responsible.Identifier!;
        if (DigitString.IsDigits(identifier, Rpps.Length))
            context.Report(AccountFields.ResponsibleIdentifier, Rpps.Check(identifier, "Le numéro RPPS du responsable"));
        else if (DigitString.IsDigits(identifier, Adeli.Length))
        {
            if (profession?.Register == Register.Rpps)
                context.Error(AccountFields.ResponsibleIdentifier,
                    $"La profession du responsable (« {profession.Label} ») est inscrite au RPPS : saisissez son numéro RPPS (11 chiffres), pas un ADELI.");
        }
        else
            context.Error(AccountFields.ResponsibleIdentifier,
                "L'identifiant du responsable doit être son numéro RPPS (11 chiffres) ou ADELI (9 chiffres), sans espace ni point.");
    }
}
