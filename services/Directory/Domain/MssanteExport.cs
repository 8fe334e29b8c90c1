using System.Text;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Exports;

namespace Medimail.Directory.Domain;

/// <summary>
/// A directory as a pipe-separated file in the column layout of the national extraction of MSSanté addresses, so
/// operators can reconcile it with the national data. One header line, then one line per listed box. Lines carry no
/// line break: the caller joins them (REST transcoding ends every streamed message with one). Operators open it in a
/// spreadsheet: no value may start a formula (<see cref="SpreadsheetText"/>).
/// </summary>
public static class MssanteExport
{
    public const string Format = "MSSANTE";
    public const string ContentType = "text/plain; charset=utf-8";

    public static readonly IReadOnlyList<string> Columns =
    [
        "type_bal", "adresse_bal", "type_identifiant_pp", "identifiant_pp", "civilite_exercice", "nom_exercice",
        "prenom_exercice", "code_profession", "libelle_profession", "code_savoir_faire", "raison_sociale", "code_postal",
        "departement",
    ];

    /// <summary>MSSANTE is the only layout today, and the default.</summary>
    public static void EnsureFormat(string? format)
    {
        if (!string.IsNullOrWhiteSpace(format) && !format.Trim().Equals(Format, StringComparison.OrdinalIgnoreCase))
            throw new ValidationFailedException("format", "Le seul format d'export est MSSANTE.");
    }

    public static string Header => string.Join('|', Columns);

    /// <summary>
    /// The national directory publishes the MSSanté address when the box has one; the person identifier type is 8 for
    /// an RPPS and 0 for an ADELI number, as in national person ids. The profession label comes from the reference lists
    /// (empty while they could not be read).
    /// </summary>
    public static string Line(DirectoryEntry entry, DirectoryKind directory, string professionLabel = "")
    {
        var (idType, id) = entry.Rpps is { } rpps ? ("8", rpps) : entry.Adeli is { } adeli ? ("0", adeli) : ("", "");
        var address = directory == DirectoryKind.National ? entry.MssanteAddress ?? entry.Email : entry.Email;
        string?[] values =
        [
            VisibilityRules.PublishedType(directory, entry.Type), address, idType, id, entry.ExerciseTitle,
            entry.LastName, entry.FirstName, entry.Profession, professionLabel, entry.Specialty, entry.LegalName, entry.PostalCode,
            entry.DepartmentCode,
        ];
        var line = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) line.Append('|');
            line.Append(Clean(values[i]));
        }
        return line.ToString();
    }

    // A pipe or a line break inside a value would shift every later column of the file; a value a spreadsheet would
    // run as a formula (=HYPERLINK(...) in a name) goes behind an apostrophe, as in Identity-Registry's exports.
    private static string Clean(string? value) =>
        value is null ? "" : SpreadsheetText.Neutralize(value.Replace('|', ' ').Replace('\r', ' ').Replace('\n', ' '))!;
}
