using System.Text.RegularExpressions;
using Medimail.IdentityRegistry.Domain.Reference;
using static Medimail.IdentityRegistry.Domain.Accounts.DraftText;

namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// What an administrator expects the platform to fix for him rather than reject: the guide asks for
/// the address in lower case and NOM and VILLE in upper case, so we convert instead of refusing
/// "Dupont". Labels from the reference lists become codes (the import accepts labels), the region is
/// taken from the department when left empty, the file's "AA-MM-JJ" dates become "yyyy-MM-dd", and the
/// liste rouge defaults (APP boxes unlisted everywhere, the others listed) are applied.
/// Identifiers are only trimmed: a space inside an RPPS is reported, never silently removed.
/// </summary>
internal static partial class AccountNormalizer
{
    [GeneratedRegex(@"^[0-9]{2}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex ShortDate();

    public static AccountDraft Normalize(AccountDraft draft, ReferenceData reference)
    {
        var hasType = AccountTypes.TryParse(draft.Type, out var type);
        var isApp = hasType && type == AccountType.App;
        return draft with
        {
            Email = Lower(draft.Email),
            Type = Upper(draft.Type),
            LastName = Upper(draft.LastName),
            FirstName = Clean(draft.FirstName),
            Rpps = Clean(draft.Rpps),
            Adeli = Clean(draft.Adeli),
            LegalName = Clean(draft.LegalName),
            ServiceUnit = NormalizeServiceUnit(draft.ServiceUnit),
            Address = NormalizeAddress(draft.Address ?? new AddressDraft(), reference),
            Phone1 = Clean(draft.Phone1),
            Phone2 = Clean(draft.Phone2),
            Profession = Resolve(reference.Professions, draft.Profession),
            Specialty = Resolve(reference.Specialties, draft.Specialty),
            Diploma = Clean(draft.Diploma),
            StructureIdentifierType = Upper(draft.StructureIdentifierType),
            // FINESS "2a…" is Corsica's "2A…".
            StructureIdentifier = Upper(draft.StructureIdentifier),
            ReturnAddress = Lower(draft.ReturnAddress),
            Responsible = NormalizeResponsible(draft.Responsible ?? new ResponsibleDraft(), reference),
            Description = Clean(draft.Description),
            ExerciseTitle = Resolve(reference.ExerciseTitles, draft.ExerciseTitle),
            MssanteParticle = Lower(draft.MssanteParticle),
            ApicryptParticle = Lower(draft.ApicryptParticle),
            ApicryptSpecialty = Clean(draft.ApicryptSpecialty),
            ExpiresOn = NormalizeDate(draft.ExpiresOn),
            ConnectionAccounts = AddressList(draft.ConnectionAccounts ?? []),
            // An APP box only sends: a directory entry would invite mail nobody reads (« Créer et paramétrer une BAL applicative », step 8).
            UnlistedRegional = draft.UnlistedRegional ?? (hasType ? isApp : null),
            UnlistedNational = draft.UnlistedNational ?? (hasType ? isApp : null),
        };
    }

    private static AddressDraft NormalizeAddress(AddressDraft address, ReferenceData reference)
    {
        var departmentInput = Clean(address.DepartmentCode);
        // A spreadsheet turns "01" into 1.
        if (departmentInput is { Length: 1 } && char.IsAsciiDigit(departmentInput[0]))
            departmentInput = "0" + departmentInput;
        var department = reference.Departments.Resolve(departmentInput);
        var region = Clean(address.RegionCode);
        return address with
        {
            Line1 = Clean(address.Line1),
            Line2 = Clean(address.Line2),
            PostalCode = Clean(address.PostalCode),
            City = Upper(address.City),
            DepartmentCode = department?.Code ?? departmentInput,
            RegionCode = region is null ? department?.RegionCode : reference.Regions.Resolve(region)?.Code ?? region,
        };
    }

    private static ResponsibleDraft NormalizeResponsible(ResponsibleDraft responsible, ReferenceData reference) => responsible with
    {
        LastName = Clean(responsible.LastName),
        FirstName = Clean(responsible.FirstName),
        Profession = Resolve(reference.Professions, responsible.Profession),
        Identifier = Clean(responsible.Identifier),
    };

    private static string? Resolve<T>(ReferenceList<T> list, string? value) where T : IReferenceEntry
    {
        var cleaned = Clean(value);
        // Unknown values are kept as typed so the rules can quote them back.
        return list.Resolve(cleaned)?.Code ?? cleaned;
    }

    // Only the known value is canonicalised; anything else is quoted back as typed by the error.
    private static string? NormalizeServiceUnit(string? value)
    {
        var cleaned = Clean(value);
        return string.Equals(cleaned, Rules.ServiceUnitRules.Sidepe, StringComparison.OrdinalIgnoreCase) ? Rules.ServiceUnitRules.Sidepe : cleaned;
    }

    private static string? NormalizeDate(string? value)
    {
        var cleaned = Clean(value);
        return cleaned is not null && ShortDate().IsMatch(cleaned) ? "20" + cleaned : cleaned;
    }
}
