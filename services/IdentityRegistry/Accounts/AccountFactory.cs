using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>Turns a validated draft into a stored account: the one place CreateAccount (and later the import) builds accounts.</summary>
internal sealed class AccountFactory(AccountRules rules, AccountLookup lookup)
{
    public async Task<AccountRecord> CreateAsync(AccountDraft draft, StructureRecord structure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = rules.Normalize(draft);
        var known = await lookup.LoadAsync(DirectoryLookups.AddressesOf(normalized), cancellationToken);
        var result = rules.ValidateNormalized(normalized, known);
        if (!result.IsValid)
            throw new ValidationFailedException(result.WithPrefix("account.").Errors.Select(e => new FieldViolation(e.Field, e.Message)).ToList());

        AccountTypes.TryParse(normalized.Type, out var type);
        return ToRecord(normalized, type, structure, now, result.Warnings.Select(w => w.Message).ToList());
    }

    /// <summary>The record of a normalised draft that passed the rules: the import calls it directly after checking a whole batch.</summary>
    internal static AccountRecord ToRecord(AccountDraft d, AccountType type, StructureRecord structure, DateTimeOffset now, List<string> warnings) => new()
    {
        Email = d.Email!,
        Type = type.ToCode(),
        State = AccountLifecycle.InitialState(type, CreatedBy.Admin).ToApi(),
        StructureId = structure.Id,
        LastName = d.LastName ?? "",
        FirstName = d.FirstName ?? "",
        Rpps = Blank(d.Rpps),
        Adeli = Blank(d.Adeli),
        LegalName = Blank(d.LegalName),
        ServiceUnit = Blank(d.ServiceUnit),
        Address = new AddressValue
        {
            Line1 = Blank(d.Address.Line1),
            Line2 = Blank(d.Address.Line2),
            PostalCode = Blank(d.Address.PostalCode),
            City = Blank(d.Address.City),
            DepartmentCode = Blank(d.Address.DepartmentCode),
            RegionCode = Blank(d.Address.RegionCode),
        },
        Phone1 = Blank(d.Phone1),
        Phone2 = Blank(d.Phone2),
        Profession = Blank(d.Profession),
        Specialty = Blank(d.Specialty),
        Diploma = Blank(d.Diploma),
        IndependentPractice = d.IndependentPractice ?? false,
        StructureIdentifierType = Blank(d.StructureIdentifierType),
        StructureIdentifier = Blank(d.StructureIdentifier),
        ReturnAddress = Blank(d.ReturnAddress),
        Responsible = new ResponsibleValue
        {
            LastName = Blank(d.Responsible.LastName),
            FirstName = Blank(d.Responsible.FirstName),
            Profession = Blank(d.Responsible.Profession),
            Identifier = Blank(d.Responsible.Identifier),
        },
        Description = Blank(d.Description),
        ExerciseTitle = Blank(d.ExerciseTitle),
        MssanteParticle = Blank(d.MssanteParticle),
        MssanteAddress = Blank(d.MssanteParticle) is { } particle ? $"{particle}@{structure.MssanteDomain}" : null,
        ApicryptParticle = Blank(d.ApicryptParticle),
        ApicryptSpecialty = Blank(d.ApicryptSpecialty),
        ExpiresOn = Blank(d.ExpiresOn) is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd") : null,
        ConnectionAccounts = d.ConnectionAccounts.ToList(),
        UnlistedRegional = d.UnlistedRegional ?? false,
        UnlistedNational = d.UnlistedNational ?? false,
        Warnings = warnings,
        SearchWords = AccountSearch.SearchWordsOf(d.LastName ?? "", d.FirstName ?? ""),
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
