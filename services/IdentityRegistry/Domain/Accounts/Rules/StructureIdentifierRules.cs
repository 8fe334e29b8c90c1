using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>The identifier is checked against the type chosen for it; one without the other means nothing.</summary>
internal static class StructureIdentifierRules
{
    public static void Check(RuleContext context)
    {
        var draft = context.Draft;
        var hasType = context.ShouldCheck(AccountFields.StructureIdentifierType, draft.StructureIdentifierType);
        var hasIdentifier = context.ShouldCheck(AccountFields.StructureIdentifier, draft.StructureIdentifier);
        if (hasType && !StructureIdentifierTypes.TryParse(draft.StructureIdentifierType, out _))
            context.Error(AccountFields.StructureIdentifierType,
                $"Le type d'identifiant de structure « {draft.StructureIdentifierType} » n'existe pas : choisissez FINESS, SIRET ou SIREN.");

        // Where the pair is optional (APP) the presence rules say nothing about half a pair.
        var optional = context.Presence(AccountFields.StructureIdentifier) != FieldPresence.Mandatory;
        if (optional && hasType && !hasIdentifier)
            context.Error(AccountFields.StructureIdentifier,
                $"L'identifiant de structure est obligatoire quand son type ({draft.StructureIdentifierType}) est renseigné.");
        if (optional && hasIdentifier && !hasType)
            context.Error(AccountFields.StructureIdentifierType,
                "Le type d'identifiant de structure (FINESS, SIRET ou SIREN) est obligatoire quand l'identifiant est renseigné.");

        if (hasIdentifier && StructureIdentifierTypes.TryParse(draft.StructureIdentifierType, out var type))
            context.Report(AccountFields.StructureIdentifier, StructureIdentifier.Check(type, draft.StructureIdentifier!));
    }
}
