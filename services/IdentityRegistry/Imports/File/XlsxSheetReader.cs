using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>Rows of the first sheet of an XLSX, read with the SAX reader so a large sheet is never loaded whole.</summary>
internal static class XlsxSheetReader
{
    public static IEnumerable<SheetRow> Read(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new InvalidDataException("no sheet");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = ReadSharedStrings(workbook.SharedStringTablePart);

        using var reader = OpenXmlReader.Create(part);
        var next = 1;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var line = row.RowIndex?.Value is { } index ? (int)index : next;
            next = line + 1;
            yield return new SheetRow(line, CellsOf(row, shared));
        }
    }

    private static List<string?> CellsOf(Row row, List<string> shared)
    {
        var cells = new List<string?>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            while (cells.Count < column)
                cells.Add(null);
            cells.Add(ValueOf(cell, shared));
        }
        return cells;
    }

    private static string? ValueOf(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text;
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText;
        if (cell.DataType?.Value == CellValues.Boolean)
            return raw == "1" ? "OUI" : "NON";
        return raw;
    }

    /// <summary>"AB12" → 27 (zero-based).</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement)
                continue;
            // Plain text, or rich text in runs (the phonetic runs are not part of the value).
            var item = (SharedStringItem)reader.LoadCurrentElement()!;
            strings.Add(item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));
        }
        return strings;
    }
}
