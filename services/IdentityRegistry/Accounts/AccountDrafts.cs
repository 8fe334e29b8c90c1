using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>A stored account as the rules' input (an update starts from it), and the stored fields taken back from a checked draft.</summary>
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

    /// <summary>Copies every editable field of <paramref name="fresh"/> (built by the factory from the checked draft) onto the tracked record.</summary>
    public static void CopyEditableFrom(this AccountRecord a, AccountRecord fresh)
    {
        a.LastName = fresh.LastName;
        a.FirstName = fresh.FirstName;
        a.Rpps = fresh.Rpps;
        a.Adeli = fresh.Adeli;
        a.LegalName = fresh.LegalName;
        a.ServiceUnit = fresh.ServiceUnit;
        a.Address = fresh.Address;
        a.Phone1 = fresh.Phone1;
        a.Phone2 = fresh.Phone2;
        a.Profession = fresh.Profession;
        a.Specialty = fresh.Specialty;
        a.Diploma = fresh.Diploma;
        a.IndependentPractice = fresh.IndependentPractice;
        a.StructureIdentifierType = fresh.StructureIdentifierType;
        a.StructureIdentifier = fresh.StructureIdentifier;
        a.ReturnAddress = fresh.ReturnAddress;
        a.Responsible = fresh.Responsible;
        a.Description = fresh.Description;
        a.ExerciseTitle = fresh.ExerciseTitle;
        a.MssanteParticle = fresh.MssanteParticle;
        a.MssanteAddress = fresh.MssanteAddress;
        a.ApicryptParticle = fresh.ApicryptParticle;
        a.ApicryptSpecialty = fresh.ApicryptSpecialty;
        a.ExpiresOn = fresh.ExpiresOn;
        a.ConnectionAccounts = fresh.ConnectionAccounts;
        a.UnlistedRegional = fresh.UnlistedRegional;
        a.UnlistedNational = fresh.UnlistedNational;
        a.Warnings = fresh.Warnings;
        a.SearchWords = fresh.SearchWords;
    }
}
