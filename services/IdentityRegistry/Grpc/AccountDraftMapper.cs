using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Domain.Accounts;

namespace Medimail.IdentityRegistry.Grpc;

/// <summary>The API's Account as the rules' input: plain strings, so a bad value gets a French message instead of a parse error.</summary>
internal static class AccountDraftMapper
{
    public static AccountDraft ToDraft(this Account a) => new()
    {
        Email = a.Email,
        Type = AccountProtoMapper.TypeName(a.Type),
        LastName = a.LastName,
        FirstName = a.FirstName,
        Rpps = a.Rpps,
        Adeli = a.Adeli,
        LegalName = a.LegalName,
        ServiceUnit = a.ServiceUnit,
        Address = a.Address is null ? new AddressDraft() : new AddressDraft
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
        IndependentPractice = a.HasIndependentPractice ? a.IndependentPractice : null,
        StructureIdentifierType = a.StructureIdentifierType == Structure.Types.IdentifierType.Unspecified
            ? null : a.StructureIdentifierType.ToString().ToUpperInvariant(),
        StructureIdentifier = a.StructureIdentifier,
        ReturnAddress = a.ReturnAddress,
        Responsible = a.Responsible is null ? new ResponsibleDraft() : new ResponsibleDraft
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
        ExpiresOn = a.ExpiresOn,
        ConnectionAccounts = a.ConnectionAccounts.ToList(),
        UnlistedRegional = a.HasUnlistedRegional ? a.UnlistedRegional : null,
        UnlistedNational = a.HasUnlistedNational ? a.UnlistedNational : null,
    };
}
