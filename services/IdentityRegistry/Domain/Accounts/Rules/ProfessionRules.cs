namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>Profession, speciality and exercise title come from the fixed lists; INT adds two conditions.</summary>
internal static class ProfessionRules
{
    public static void Check(RuleContext context)
    {
        var draft = context.Draft;
        var reference = context.Reference;
        var profession = reference.Professions.FindByCode(draft.Profession);
        if (profession is null && context.ShouldCheck(AccountFields.Profession, draft.Profession))
            context.Error(AccountFields.Profession, $"La profession « {draft.Profession} » ne fait pas partie de la liste des professions.");
        if (context.ShouldCheck(AccountFields.Specialty, draft.Specialty) && reference.Specialties.FindByCode(draft.Specialty) is null)
            context.Error(AccountFields.Specialty, $"La spécialité « {draft.Specialty} » ne fait pas partie de la liste des spécialités.");
        if (context.ShouldCheck(AccountFields.ExerciseTitle, draft.ExerciseTitle) && reference.ExerciseTitles.FindByCode(draft.ExerciseTitle) is null)
            context.Error(AccountFields.ExerciseTitle,
                $"La civilité d'exercice « {draft.ExerciseTitle} » ne fait pas partie de la liste (ex. DR Docteur, PR Professeur).");

        if (!context.Is(AccountType.Int) || profession is null)
            return;
        if (profession.SocialCare && !DraftText.IsFilled(draft.Diploma))
            context.Error(AccountFields.Diploma,
                $"Le diplôme est obligatoire pour une BAL INT de la profession « {profession.Label} », qui relève du médico-social.");
        if (profession.RequiresExerciseTitleForInt && !DraftText.IsFilled(draft.ExerciseTitle))
            context.Error(AccountFields.ExerciseTitle,
                $"La civilité d'exercice (ex. DR Docteur) est obligatoire pour une BAL INT de la profession « {profession.Label} ».");
    }
}
