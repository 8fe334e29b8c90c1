using Medimail.Common.V1;
using Medimail.Directory.Domain;
using Medimail.Directory.Reference;
using Medimail.Directory.V1;

namespace Medimail.Directory.Grpc;

internal static class EntryMapper
{
    /// <summary>
    /// The "Dir" fields as the given directory shows them. Account events carry only codes; the labels come from the
    /// reference lists the Directory read from Identity-Registry (<see cref="ReferenceLabels"/>).
    /// </summary>
    public static Entry ToProto(this DirectoryEntry entry, DirectoryKind directory, Labels labels) => new()
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
        ProfessionLabel = labels.Profession(entry.Profession),
        Specialty = entry.Specialty ?? "",
        SpecialtyLabel = labels.Specialty(entry.Specialty),
        IndependentPractice = entry.IndependentPractice,
        Description = entry.Description ?? "",
        MssanteAddress = entry.MssanteAddress ?? "",
        ExerciseTitle = entry.ExerciseTitle ?? "",
    };
}
