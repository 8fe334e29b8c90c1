using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Domain.Validation;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>What the rows already read tell about the next ones: the first line of each address, the accepted boxes.</summary>
internal sealed class ImportFileState
{
    /// <summary>Every address met so far (valid row or not) and its first line: a second occurrence is refused.</summary>
    public Dictionary<string, int> FirstLine { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows accepted so far (created, or would be on a dry run): connection accounts may point at them.</summary>
    public Dictionary<string, AccountType> Accepted { get; } = new(StringComparer.Ordinal);
}

/// <summary>A row after the rules: its normalised draft and, when valid, the account to create.</summary>
internal sealed record CheckedRow(int Line, AccountDraft Draft, List<RowIssue> Errors, List<RowIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks rows with the same <see cref="AccountRules"/> as CreateAccount, plus the rules across rows. The caller
/// loads, once per batch, the existing accounts the batch mentions (<see cref="AddressesOf"/>).
/// </summary>
internal sealed class ImportRowChecker(AccountRules rules)
{
    public AccountDraft Normalize(AccountDraft draft) => rules.Normalize(draft);

    public static IReadOnlyCollection<string> AddressesOf(IEnumerable<AccountDraft> normalized) =>
        normalized.SelectMany(DirectoryLookups.AddressesOf).ToHashSet(StringComparer.Ordinal);

    /// <param name="normalized">The row's draft after <see cref="Normalize"/>.</param>
    /// <param name="rowErrors">What <see cref="RowDrafts"/> found before the rules.</param>
    public CheckedRow Check(int line, AccountDraft normalized, List<RowIssue> rowErrors, IAccountDirectory existing, ImportFileState file)
    {
        var directory = new FileAndDatabase(file, existing);
        var result = rules.ValidateNormalized(normalized, directory);
        var errors = new List<RowIssue>(rowErrors);
        var earlier = normalized.Email is { } address && file.FirstLine.TryGetValue(address, out var first) ? first : (int?)null;
        if (earlier is { } firstLine)
            errors.Add(new RowIssue(line, LoadusersColumns.Email,
                $"L'adresse mail {normalized.Email} apparaît déjà ligne {firstLine} du fichier : une adresse ne peut servir qu'à un seul compte."));

        var reported = errors.Select(e => e.Column).ToHashSet(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            var column = LoadusersColumns.HeaderOf(error.Field);
            // The file-level message already says it better (a duplicate line, a bad OUI/NON).
            if (reported.Contains(column) && (earlier is not null && column == LoadusersColumns.Email || error.Field == AccountFields.IndependentPractice))
                continue;
            errors.Add(new RowIssue(line, column, error.Message));
        }
        var warnings = result.Warnings.Select(w => new RowIssue(line, LoadusersColumns.HeaderOf(w.Field), w.Message)).ToList();

        if (normalized.Email is { } email)
        {
            file.FirstLine.TryAdd(email, line);
            if (errors.Count == 0 && AccountTypes.TryParse(normalized.Type, out var type))
                file.Accepted[email] = type;
        }
        return new CheckedRow(line, normalized, errors, warnings);
    }

    /// <summary>
    /// A row naming an account that already exists is refused (imports only create), but what it would change must not
    /// go unnoticed: one warning per column of the file whose value differs from the stored account's, both normalised
    /// by the rules. Only the columns the file has are compared (a missing column changes nothing).
    /// </summary>
    public List<RowIssue> Differences(int line, AccountDraft row, AccountRecord stored, IReadOnlyCollection<string> fileFields)
    {
        var before = rules.Normalize(stored.ToDraft());
        var changed = UpdateMask.Changes(before, row, fileFields.Where(UpdateMask.IsEditable)).Select(c => c.Field).ToList();
        if (fileFields.Contains(AccountFields.Type) && !string.Equals(before.Type, row.Type, StringComparison.Ordinal))
            changed.Insert(0, AccountFields.Type);
        return changed.Select(field => LoadusersColumns.HeaderOf(field)).Select(column => new RowIssue(line, column,
            $"Le compte {stored.Email} existe déjà avec une autre valeur dans la colonne « {column} » : la ligne n'est pas importée " +
            "et le compte reste inchangé ; modifiez le compte pour reporter la différence.")).ToList();
    }

    /// <summary>The record to store for a valid row; no look-up, no hashing: nominative accounts start PRE_REGISTERED without password.</summary>
    public static AccountRecord ToRecord(CheckedRow row, StructureRecord structure, DateTimeOffset now)
    {
        AccountTypes.TryParse(row.Draft.Type, out var type);
        return Accounts.AccountFactory.ToRecord(row.Draft, type, structure, now, row.Warnings.Select(w => w.Message).ToList());
    }

    private sealed class FileAndDatabase(ImportFileState file, IAccountDirectory database) : IAccountDirectory
    {
        public AccountType? FindType(string email)
        {
            var address = email.Trim().ToLowerInvariant();
            return file.Accepted.TryGetValue(address, out var type) ? type : database.FindType(address);
        }

        /// <summary>The file's earlier rows are this structure's; in the database, only this structure's accounts.</summary>
        public AccountType? FindOwnType(string email)
        {
            var address = email.Trim().ToLowerInvariant();
            return file.Accepted.TryGetValue(address, out var type) ? type : database.FindOwnType(address);
        }
    }
}
