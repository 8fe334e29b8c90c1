using Medimail.Common.V1;
using Medimail.Directory.Domain;
using Medimail.Directory.V1;

namespace Medimail.Directory.Grpc;

internal static class EntryMapper
{
    /// <summary>
    /// The "Dir" fields as the given directory shows them. Profession and specialty labels stay empty: account events
    /// carry only the codes, and clients resolve labels with /api/v1/reference.
    /// </summary>
    public static Entry ToProto(this DirectoryEntry entry, DirectoryKind directory) => new()
    {
        Email = entry.Email,
        Type = VisibilityRules.PublishedType(directory, entry.Type),
        LastName = entry.LastName,
        FirstName = entry.FirstName,
        Rpps = entry.Rpps ?? "",
        Adeli = entry.Adeli ?? "",
        LegalName = entry.LegalName ?? "",
        Address = new PostalAddress
        {
            Line1 = entry.AddressLine1 ?? "",
            Line2 = entry.AddressLine2 ?? "",
            PostalCode = entry.PostalCode ?? "",
            City = entry.City ?? "",
            DepartmentCode = entry.DepartmentCode ?? "",
            RegionCode = entry.RegionCode ?? "",
        },
        Phone = entry.Phone ?? "",
        Profession = entry.Profession ?? "",
        Specialty = entry.Specialty ?? "",
        IndependentPractice = entry.IndependentPractice,
        Description = entry.Description ?? "",
        MssanteAddress = entry.MssanteAddress ?? "",
        ExerciseTitle = entry.ExerciseTitle ?? "",
    };
}
