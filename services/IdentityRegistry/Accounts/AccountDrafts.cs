using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>A stored account as the rules' input (an update starts from it); the way back is <see cref="AccountFactory.WriteEditable"/>.</summary>
internal static class AccountDrafts
{
    public static AccountDraft ToDraft(this AccountRecord a) => new()
    {
        Email = a.Email,
        Type = a.Type,
        LastName = a.LastName,
        FirstName = a.FirstName,
        Rpps = a.Rpps,
        Adeli = a.Adeli,
        LegalName = a.LegalName,
        ServiceUnit = a.ServiceUnit,
        Address = new AddressDraft
        {
            Line1 = a.Address.Line1,
            Line2 = a.Address.Line2,
            PostalCode = a.Address.PostalCode,
            City = a.Address.City,
            DepartmentCode = a.Address.DepartmentCode,
            RegionCode = a.Address.RegionCode,
        },
        Phone1 = a.Phone1,
        Phone2 = a.Phone2,
        Profession = a.Profession,
        Specialty = a.Specialty,
        Diploma = a.Diploma,
        IndependentPractice = a.IndependentPractice,
        StructureIdentifierType = a.StructureIdentifierType,
        StructureIdentifier = a.StructureIdentifier,
        ReturnAddress = a.ReturnAddress,
        Responsible = new ResponsibleDraft
        {
            LastName = a.Responsible.LastName,
            FirstName = a.Responsible.FirstName,
            Profession = a.Responsible.Profession,
            Identifier = a.Responsible.Identifier,
        },
        Description = a.Description,
        ExerciseTitle = a.ExerciseTitle,
        MssanteParticle = a.MssanteParticle,
        ApicryptParticle = a.ApicryptParticle,
        ApicryptSpecialty = a.ApicryptSpecialty,
        ExpiresOn = a.ExpiresOn?.ToString("yyyy-MM-dd"),
        ConnectionAccounts = a.ConnectionAccounts.ToList(),
        UnlistedRegional = a.UnlistedRegional,
        UnlistedNational = a.UnlistedNational,
    };
}
