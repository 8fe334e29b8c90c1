using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>Turns a validated draft into a stored account: the one place CreateAccount (and later the import) builds accounts.</summary>
internal sealed class AccountFactory(AccountRules rules, AccountLookup lookup)
{
    public async Task<AccountRecord> CreateAsync(AccountDraft draft, StructureRecord structure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = rules.Normalize(draft);
        var known = await lookup.LoadAsync(DirectoryLookups.AddressesOf(normalized), structure.Id, cancellationToken);
        var result = rules.ValidateNormalized(normalized, known);
        if (!result.IsValid)
            throw new ValidationFailedException(result.WithPrefix("account.").Errors.Select(e => new FieldViolation(e.Field, e.Message)).ToList());

        AccountTypes.TryParse(normalized.Type, out var type);
        var record = ToRecord(normalized, type, structure, now, result.Warnings.Select(w => w.Message).ToList());
        await EnsureMssanteAddressFreeAsync(record.MssanteAddress, record.Email, cancellationToken);
        return record;
    }

    /// <summary>
    /// An update: the stored account with the masked fields of <paramref name="submitted"/>, checked by the very rules of
    /// a create (as an update: same address, same type). Returns the account as it would be stored, and both drafts
    /// normalised so the caller can tell what changed.
    /// </summary>
    public async Task<(AccountRecord Fresh, AccountDraft Before, AccountDraft After)> EditAsync(
        AccountRecord stored, AccountDraft submitted, IReadOnlyList<string> mask, StructureRecord structure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = rules.Normalize(stored.ToDraft());
        var after = rules.Normalize(UpdateMask.Apply(before, submitted, mask));
        var known = await lookup.LoadAsync(DirectoryLookups.AddressesOf(after), structure.Id, cancellationToken);
        var result = rules.Validate(after, known, before);
        if (!result.IsValid)
            throw new ValidationFailedException(result.WithPrefix("account.").Errors.Select(e => new FieldViolation(e.Field, e.Message)).ToList());

        AccountTypes.TryParse(after.Type, out var type);
        var fresh = ToRecord(after, type, structure, now, result.Warnings.Select(w => w.Message).ToList());
        if (fresh.MssanteAddress != stored.MssanteAddress)
            await EnsureMssanteAddressFreeAsync(fresh.MssanteAddress, stored.Email, cancellationToken);
        return (fresh, before, after);
    }

    /// <summary>
    /// An MSSanté address names one box on the national directory. Checked here rather than by a unique index, which
    /// would make a whole import batch fail on one duplicate row; two API calls racing for one particle are serialised
    /// by a transaction-scoped advisory lock on the address when the caller holds a transaction.
    /// </summary>
    private async Task EnsureMssanteAddressFreeAsync(string? address, string self, CancellationToken cancellationToken)
    {
        if (address is null)
            return;
        if (lookup.Database.CurrentTransaction is not null)
            await lookup.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"mssante:" + address}, 0))", cancellationToken);
        if (await lookup.MssanteAddressTakenAsync(address, self, cancellationToken))
            throw new AlreadyExistsException(
                $"L'adresse MSSanté {address} est déjà celle d'un autre compte : choisissez une autre particule.", "account.mssanteParticle");
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
