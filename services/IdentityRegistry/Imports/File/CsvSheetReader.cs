using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// Rows of a CSV as French spreadsheets write it: ";" (Excel in French) or "," separated, quoted fields that may
/// hold the separator or line breaks. The separator is the one of the header line, where no value can hide it.
/// </summary>
internal static class CsvSheetReader
{
    /// <summary>
    /// A record may hold this many fields at most: the parser keeps every field's position, so a line of a million
    /// separators would cost tens of megabytes before the first cell is seen. The file is refused before parsing.
    /// </summary>
    public const int MaxFields = 1000;

    public static IEnumerable<SheetRow> Read(byte[] content)
    {
        var (encoding, skip) = TextDecoding.Detect(content);
        var delimiter = DetectSeparator(content.AsSpan(skip), encoding);
        CheckWidth(content, skip, encoding, delimiter);
        return ReadChecked(content, skip, encoding, delimiter);
    }

    private static IEnumerable<SheetRow> ReadChecked(byte[] content, int skip, System.Text.Encoding encoding, char delimiter)
    {
        using var stream = new MemoryStream(content, skip, content.Length - skip, writable: false);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvParser(text, configuration);
        var line = 0;
        while (csv.Read())
        {
            line++;
            yield return Bounded(line, csv.Record ?? []);
        }
    }

    /// <summary>The first <see cref="ImportLimits.MaxColumns"/> cells, each cut to <see cref="ImportLimits.MaxCellChars"/>.</summary>
    private static SheetRow Bounded(int line, string[] record)
    {
        var cells = record.Length <= ImportLimits.MaxColumns ? record : record[..ImportLimits.MaxColumns];
        HashSet<int>? overlong = null;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is { Length: > ImportLimits.MaxCellChars } long_)
            {
                cells[i] = long_[..ImportLimits.MaxCellChars];
                (overlong ??= []).Add(i);
            }
        }
        return new SheetRow(line, cells, overlong);
    }

    /// <summary>Counts the fields of each record (quotes respected) in one pass over the text, before the parser.</summary>
    private static void CheckWidth(byte[] content, int skip, System.Text.Encoding encoding, char delimiter)
    {
        using var text = new StreamReader(new MemoryStream(content, skip, content.Length - skip, writable: false), encoding, false);
        var buffer = new char[16 * 1024];
        int read, fields = 1, line = 1;
        var quoted = false;
        while ((read = text.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '"') quoted = !quoted;
                else if (quoted) continue;
                else if (c == '\n') { fields = 1; line++; }
                else if (c == delimiter && ++fields > MaxFields)
                    throw new Medimail.ServiceDefaults.Errors.ValidationFailedException("content",
                        $"La ligne {line} du fichier compte plus de {MaxFields} colonnes : le modèle loadusers en a {LoadusersColumns.All.Count}. Reprenez le modèle de fichier.");
            }
        }
    }

    internal static char DetectSeparator(ReadOnlySpan<byte> content, System.Text.Encoding encoding)
    {
        // The header line is short; 64 KB is more than any header.
        var head = encoding.GetString(content[..Math.Min(content.Length, 64 * 1024)]);
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in head)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == '\t') tabs++;
        }
        if (tabs > semicolons && tabs > commas) return '\t';
        return semicolons >= commas ? ';' : ',';
    }
}
