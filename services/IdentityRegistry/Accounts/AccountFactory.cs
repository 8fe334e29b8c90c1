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
    /// a create (as an update: same address, same type). Returns both drafts normalised, so the caller can tell what
    /// changed, and the rules' warnings; <see cref="WriteEditable"/> then writes the new one onto the stored account.
    /// </summary>
    public async Task<(AccountDraft Before, AccountDraft After, List<string> Warnings)> EditAsync(
        AccountRecord stored, AccountDraft submitted, IReadOnlyList<string> mask, StructureRecord structure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = rules.Normalize(stored.ToDraft());
        var after = rules.Normalize(UpdateMask.Apply(before, submitted, mask));
        var known = await lookup.LoadAsync(DirectoryLookups.AddressesOf(after), structure.Id, cancellationToken);
        var result = rules.Validate(after, known, before);
        if (!result.IsValid)
            throw new ValidationFailedException(result.WithPrefix("account.").Errors.Select(e => new FieldViolation(e.Field, e.Message)).ToList());

        var mssanteAddress = MssanteAddressOf(after, structure);
        if (mssanteAddress != stored.MssanteAddress)
            await EnsureMssanteAddressFreeAsync(mssanteAddress, stored.Email, cancellationToken);
        return (before, after, result.Warnings.Select(w => w.Message).ToList());
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
    internal static AccountRecord ToRecord(AccountDraft d, AccountType type, StructureRecord structure, DateTimeOffset now, List<string> warnings)
    {
        var record = new AccountRecord
        {
            Email = d.Email!,
            Type = type.ToCode(),
            State = AccountLifecycle.InitialState(type, CreatedBy.Admin).ToApi(),
            StructureId = structure.Id,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        WriteEditable(record, d, structure, warnings);
        return record;
    }

    /// <summary>
    /// Every editable field of a normalised, checked draft onto a record (a new one, or the stored one an update
    /// changes): the one list of what a draft stores. Address, type, state and times are the caller's.
    /// </summary>
    internal static void WriteEditable(AccountRecord a, AccountDraft d, StructureRecord structure, List<string> warnings)
    {
        a.LastName = d.LastName ?? "";
        a.FirstName = d.FirstName ?? "";
        a.Rpps = Blank(d.Rpps);
        a.Adeli = Blank(d.Adeli);
        a.LegalName = Blank(d.LegalName);
        a.ServiceUnit = Blank(d.ServiceUnit);
        a.Address = new AddressValue
        {
            Line1 = Blank(d.Address.Line1),
            Line2 = Blank(d.Address.Line2),
            PostalCode = Blank(d.Address.PostalCode),
            City = Blank(d.Address.City),
            DepartmentCode = Blank(d.Address.DepartmentCode),
            RegionCode = Blank(d.Address.RegionCode),
        };
        a.Phone1 = Blank(d.Phone1);
        a.Phone2 = Blank(d.Phone2);
        a.Profession = Blank(d.Profession);
        a.Specialty = Blank(d.Specialty);
        a.Diploma = Blank(d.Diploma);
        a.IndependentPractice = d.IndependentPractice ?? false;
        a.StructureIdentifierType = Blank(d.StructureIdentifierType);
        a.StructureIdentifier = Blank(d.StructureIdentifier);
        a.ReturnAddress = Blank(d.ReturnAddress);
        a.Responsible = new ResponsibleValue
        {
            LastName = Blank(d.Responsible.LastName),
            FirstName = Blank(d.Responsible.FirstName),
            Profession = Blank(d.Responsible.Profession),
            Identifier = Blank(d.Responsible.Identifier),
        };
        a.Description = Blank(d.Description);
        a.ExerciseTitle = Blank(d.ExerciseTitle);
        a.MssanteParticle = Blank(d.MssanteParticle);
        a.MssanteAddress = MssanteAddressOf(d, structure);
        a.ApicryptParticle = Blank(d.ApicryptParticle);
        a.ApicryptSpecialty = Blank(d.ApicryptSpecialty);
        a.ExpiresOn = Blank(d.ExpiresOn) is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd") : null;
        a.ConnectionAccounts = d.ConnectionAccounts.ToList();
        a.UnlistedRegional = d.UnlistedRegional ?? false;
        a.UnlistedNational = d.UnlistedNational ?? false;
        a.Warnings = warnings;
        a.SearchWords = AccountSearch.SearchWordsOf(d.LastName ?? "", d.FirstName ?? "");
    }

    private static string? MssanteAddressOf(AccountDraft d, StructureRecord structure) =>
        Blank(d.MssanteParticle) is { } particle ? $"{particle}@{structure.MssanteDomain}" : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
