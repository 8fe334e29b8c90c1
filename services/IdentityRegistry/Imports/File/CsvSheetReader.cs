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
    public static IEnumerable<SheetRow> Read(byte[] content)
    {
        var (encoding, skip) = TextDecoding.Detect(content);
        using var stream = new MemoryStream(content, skip, content.Length - skip, writable: false);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = DetectSeparator(content.AsSpan(skip), encoding).ToString(),
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
            yield return new SheetRow(line, csv.Record ?? []);
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
