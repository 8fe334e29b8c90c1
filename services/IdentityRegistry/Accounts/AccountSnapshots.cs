using Medimail.Contracts;
using Medimail.IdentityRegistry.Data;

namespace Medimail.IdentityRegistry.Accounts;

internal static class AccountSnapshots
{
    /// <summary>What the events say of an account: the directory and mailbox fields, never credentials.</summary>
    public static AccountSnapshot ToSnapshot(this AccountRecord a, StructureRecord structure) => new()
    {
        Email = a.Email,
        Type = a.Type,
        State = a.State,
        StructureId = a.StructureId.ToString(),
        StructureNationalId = structure.NationalId,
        Version = a.Version,
        LastName = a.LastName,
        FirstName = a.FirstName,
        Rpps = a.Rpps,
        Adeli = a.Adeli,
        LegalName = a.LegalName,
        ServiceUnit = a.ServiceUnit,
        Address = new AddressSnapshot
        {
            Line1 = a.Address.Line1,
            Line2 = a.Address.Line2,
            PostalCode = a.Address.PostalCode,
            City = a.Address.City,
            DepartmentCode = a.Address.DepartmentCode,
            RegionCode = a.Address.RegionCode,
        },
        Phone1 = a.Phone1,
        Profession = a.Profession,
        Specialty = a.Specialty,
        IndependentPractice = a.IndependentPractice,
        Description = a.Description,
        ExerciseTitle = a.ExerciseTitle,
        MssanteAddress = a.MssanteAddress,
        ReturnAddress = a.ReturnAddress,
        ConnectionAccounts = a.ConnectionAccounts,
        UnlistedRegional = a.UnlistedRegional,
        UnlistedNational = a.UnlistedNational,
        UpdatedAt = a.UpdatedAt,
    };
}
