using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Domain.Reference;
using Medimail.ServiceDefaults.Exports;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// One row as the rules' input. Only what the rules cannot judge is checked here: the OUI/NON column and the two
/// columns the platform does not take (Alias, and a Structure naming another structure than the import's).
/// Built once per file: where each column sits is worked out from the header once, not per row (a dictionary per
/// row was about 2 KB of garbage, 200 MB for a 100,000-row file). Read-only once built, so rows may be read in parallel.
/// </summary>
internal sealed class RowDrafts
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly StructureRecord _structure;
    private readonly string _structureKey;

    public RowDrafts(IReadOnlyList<LoadusersColumn?> columns, StructureRecord structure)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] is { } column)
                _positions[column.Header] = i;
        }
        Fields = columns.Select(c => c?.Field).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _structure = structure;
        _structureKey = LabelKey.For(structure.Name);
    }

    /// <summary>The rules' fields the file has a column for.</summary>
    public IReadOnlyCollection<string> Fields { get; }

    /// <summary>One row on its own (tests, small files); the import builds one <see cref="RowDrafts"/> per file.</summary>
    public static (AccountDraft Draft, List<RowIssue> Errors) Read(SheetRow row, IReadOnlyList<LoadusersColumn?> columns, StructureRecord structure) =>
        new RowDrafts(columns, structure).Read(row);

    public (AccountDraft Draft, List<RowIssue> Errors) Read(SheetRow row)
    {
        var structure = _structure;
        // A short row (fewer cells than headers) leaves its last columns empty.
        string? Get(string header) => _positions.TryGetValue(header, out var i) && i < row.Cells.Count ? SpreadsheetText.Unguard(row.Cells[i]) : null;

        var errors = new List<RowIssue>();
        foreach (var (header, position) in _positions)
        {
            if (row.Overlong?.Contains(position) == true)
                errors.Add(new RowIssue(row.Line, header,
                    $"La valeur de la colonne {header} dépasse {ImportLimits.MaxCellChars} caractères (« {Excerpt.Of(row.Cells[position])} ») : raccourcissez-la."));
        }
        bool? practice = null;
        var practiceText = Get("Activité libérale");
        if (!string.IsNullOrWhiteSpace(practiceText))
        {
            if (FrenchYesNo.TryParse(practiceText, out var yes))
                practice = yes;
            else
                errors.Add(new RowIssue(row.Line, "Activité libérale", $"L'activité libérale vaut « {Excerpt.Of(practiceText)} » : indiquez OUI ou NON."));
        }
        if (!string.IsNullOrWhiteSpace(Get(LoadusersColumns.Alias)))
            errors.Add(new RowIssue(row.Line, LoadusersColumns.Alias, "La colonne Alias doit rester vide : la plateforme ne gère pas d'alias."));
        if (Get(LoadusersColumns.Structure) is { } named && !string.IsNullOrWhiteSpace(named)
            && LabelKey.For(named) != _structureKey)
            errors.Add(new RowIssue(row.Line, LoadusersColumns.Structure,
                $"La structure « {Excerpt.Of(named)} » n'est pas celle de cet import ({structure.Name}) : importez ces lignes depuis leur structure."));

        var draft = new AccountDraft
        {
            Email = Get(LoadusersColumns.Email),
            Type = Get("Type BAL"),
            LastName = Get("NOM"),
            FirstName = Get("Prénom"),
            Rpps = Get("RPPS"),
            Adeli = Get("ADELI"),
            LegalName = Get("Raison Sociale"),
            ServiceUnit = Get("Service de rattachement"),
            Address = new AddressDraft
            {
                Line1 = Get("Adresse (1)"),
                Line2 = Get("Adresse (2)"),
                PostalCode = Get("CP"),
                City = Get("VILLE"),
                DepartmentCode = Get("Département"),
                RegionCode = Get("Région"),
            },
            Phone1 = Get("Téléphone (1)"),
            Phone2 = Get("Téléphone (2)"),
            Profession = Get("Profession"),
            Specialty = Get("Spécialité"),
            Diploma = Get("Diplôme"),
            IndependentPractice = practice,
            StructureIdentifierType = Get("Type identifiant structure resp"),
            StructureIdentifier = Get("Identifiant structure resp"),
            ReturnAddress = Get("Adresse de retour"),
            Responsible = new ResponsibleDraft
            {
                LastName = Get("Nom resp"),
                FirstName = Get("Prénom resp"),
                Profession = Get("Profession resp"),
                Identifier = Get("Identifiant resp"),
            },
            Description = Get("Description fonctionnelle"),
            ExerciseTitle = Get("Civilité exercice"),
            MssanteParticle = Get("MSSanté adresse"),
            ApicryptParticle = Get("Apicrypt adresse"),
            ApicryptSpecialty = Get("Apicrypt spécialité"),
            ExpiresOn = Get("Date de péremption"),
            ConnectionAccounts = Get("Compte(s) de connexion") is { } list ? [list] : [],
        };
        return (draft, errors);
    }
}
