namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>The O and NC cells of <see cref="PresenceMatrix"/>; OSC cells belong to dedicated rules.</summary>
internal static class PresenceRules
{
    private static readonly Dictionary<string, Func<AccountDraft, bool>> IsFilled = new()
    {
        [AccountFields.Email] = d => DraftText.IsFilled(d.Email),
        [AccountFields.LastName] = d => DraftText.IsFilled(d.LastName),
        [AccountFields.FirstName] = d => DraftText.IsFilled(d.FirstName),
        [AccountFields.Rpps] = d => DraftText.IsFilled(d.Rpps),
        [AccountFields.Adeli] = d => DraftText.IsFilled(d.Adeli),
        [AccountFields.LegalName] = d => DraftText.IsFilled(d.LegalName),
        [AccountFields.ServiceUnit] = d => DraftText.IsFilled(d.ServiceUnit),
        [AccountFields.AddressLine1] = d => DraftText.IsFilled(d.Address.Line1),
        [AccountFields.AddressLine2] = d => DraftText.IsFilled(d.Address.Line2),
        [AccountFields.PostalCode] = d => DraftText.IsFilled(d.Address.PostalCode),
        [AccountFields.City] = d => DraftText.IsFilled(d.Address.City),
        [AccountFields.DepartmentCode] = d => DraftText.IsFilled(d.Address.DepartmentCode),
        [AccountFields.RegionCode] = d => DraftText.IsFilled(d.Address.RegionCode),
        [AccountFields.Phone1] = d => DraftText.IsFilled(d.Phone1),
        [AccountFields.Phone2] = d => DraftText.IsFilled(d.Phone2),
        [AccountFields.Profession] = d => DraftText.IsFilled(d.Profession),
        [AccountFields.Specialty] = d => DraftText.IsFilled(d.Specialty),
        [AccountFields.Diploma] = d => DraftText.IsFilled(d.Diploma),
        [AccountFields.IndependentPractice] = d => d.IndependentPractice.HasValue,
        [AccountFields.StructureIdentifierType] = d => DraftText.IsFilled(d.StructureIdentifierType),
        [AccountFields.StructureIdentifier] = d => DraftText.IsFilled(d.StructureIdentifier),
        [AccountFields.ReturnAddress] = d => DraftText.IsFilled(d.ReturnAddress),
        [AccountFields.ResponsibleLastName] = d => DraftText.IsFilled(d.Responsible.LastName),
        [AccountFields.ResponsibleFirstName] = d => DraftText.IsFilled(d.Responsible.FirstName),
        [AccountFields.ResponsibleProfession] = d => DraftText.IsFilled(d.Responsible.Profession),
        [AccountFields.ResponsibleIdentifier] = d => DraftText.IsFilled(d.Responsible.Identifier),
        [AccountFields.Description] = d => DraftText.IsFilled(d.Description),
        [AccountFields.ExerciseTitle] = d => DraftText.IsFilled(d.ExerciseTitle),
        [AccountFields.MssanteParticle] = d => DraftText.IsFilled(d.MssanteParticle),
        [AccountFields.ApicryptParticle] = d => DraftText.IsFilled(d.ApicryptParticle),
        [AccountFields.ApicryptSpecialty] = d => DraftText.IsFilled(d.ApicryptSpecialty),
        [AccountFields.ExpiresOn] = d => DraftText.IsFilled(d.ExpiresOn),
        [AccountFields.ConnectionAccounts] = d => d.ConnectionAccounts.Count > 0,
        [AccountFields.UnlistedRegional] = d => d.UnlistedRegional.HasValue,
        [AccountFields.UnlistedNational] = d => d.UnlistedNational.HasValue,
    };

    public static void Check(RuleContext context)
    {
        if (context.Type is not { } type)
        {
            // Without a type only the address can be called mandatory; it is for every type.
            if (!IsFilled[AccountFields.Email](context.Draft))
                context.Error(AccountFields.Email, "L'adresse mail est obligatoire.");
            return;
        }
        foreach (var field in PresenceMatrix.Fields)
        {
            var filled = IsFilled[field](context.Draft);
            var presence = PresenceMatrix.For(field, type);
            if (presence == FieldPresence.Mandatory && !filled)
                context.Error(field, FieldLabels.Mandatory(field, type));
            else if (presence == FieldPresence.Forbidden && filled)
                context.Error(field, FieldLabels.Forbidden(field, type));
        }
    }
}
