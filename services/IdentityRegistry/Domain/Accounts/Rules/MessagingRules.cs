using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>The MSSanté and Apicrypt particles: only the part before "@", plus Apicrypt's speciality.</summary>
internal static class MessagingRules
{
    public static void Check(RuleContext context)
    {
        var draft = context.Draft;
        if (context.ShouldCheck(AccountFields.MssanteParticle, draft.MssanteParticle))
            context.Report(AccountFields.MssanteParticle, MailParticle.Check(draft.MssanteParticle!, "L'adresse MSSanté (particule)"));
        if (context.ShouldCheck(AccountFields.ApicryptParticle, draft.ApicryptParticle))
        {
            context.Report(AccountFields.ApicryptParticle, MailParticle.Check(draft.ApicryptParticle!, "L'adresse Apicrypt (particule)"));
            if (!DraftText.IsFilled(draft.ApicryptSpecialty))
                context.Error(AccountFields.ApicryptSpecialty, "La spécialité Apicrypt est obligatoire quand l'adresse Apicrypt est renseignée.");
        }
    }
}
