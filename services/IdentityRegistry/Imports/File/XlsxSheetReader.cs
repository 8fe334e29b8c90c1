using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// Rows of the first sheet of an XLSX, streamed so that what a file costs is bounded by constants, whatever it holds
/// (<see cref="ImportLimits"/>): the sheet and the shared strings are read with an XmlReader over the part's stream,
/// text values in chunks (ReadValueChunk) so a cell longer than <see cref="ImportLimits.MaxCellChars"/> is never
/// built in memory, cells beyond <see cref="ImportLimits.MaxColumns"/> are skipped without materialising the empty
/// ones before them, and the XML inflated from the package is counted as it is read (<see cref="InflationBudget"/>).
/// OpenXmlReader is not enough here: it hands out whole elements and whole text values.
/// </summary>
internal static class XlsxSheetReader
{
    public static IEnumerable<SheetRow> Read(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        // The workbook part is loaded whole by the SDK: it is small in any real file, and capped here.
        using var document = SpreadsheetDocument.Open(stream, isEditable: false,
            new DocumentFormat.OpenXml.Packaging.OpenSettings { MaxCharactersInPart = ImportLimits.MaxWorkbookPartChars });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new InvalidDataException("no sheet");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var budget = new InflationBudget(content.Length);
        var shared = ReadSharedStrings(workbook.SharedStringTablePart, budget);

        using var xml = Open(part, budget);
        var next = 1;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
                continue;
            var line = int.TryParse(xml.GetAttribute("r"), out var index) && index > 0 ? index : next;
            next = line + 1;
            yield return ReadRow(xml, shared, line);
        }
    }

    private static SheetRow ReadRow(XmlReader xml, List<CellText> shared, int line)
    {
        var cells = new List<string?>();
        HashSet<int>? overlong = null;
        if (xml.IsEmptyElement)
            return new SheetRow(line, cells);
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
                continue;
            var reference = xml.GetAttribute("r");
            var column = reference is null ? cells.Count : ColumnIndex(reference);
            var type = xml.GetAttribute("t");
            var wanted = column >= 0 && column < ImportLimits.MaxColumns;
            var text = ReadCellText(xml, keep: wanted);
            if (!wanted)
                continue;
            var value = type switch
            {
                "s" => int.TryParse(text.Value, out var i) && i >= 0 && i < shared.Count ? shared[i] : default,
                "b" => new CellText(text.Value == "1" ? "OUI" : "NON", false),
                _ => text,
            };
            while (cells.Count <= column)
                cells.Add(null);
            cells[column] = value.Value;
            if (value.Overlong)
                (overlong ??= []).Add(column);
        }
        return new SheetRow(line, cells, overlong);
    }

    /// <summary>
    /// The text of the current element (a cell, or a shared string item): its v and t descendants, not the phonetic
    /// runs (rPh), kept up to <see cref="ImportLimits.MaxCellChars"/>; the reader ends on the element's end.
    /// </summary>
    private static CellText ReadCellText(XmlReader xml, bool keep)
    {
        if (xml.IsEmptyElement)
            return default;
        var depth = xml.Depth;
        var builder = keep ? new StringBuilder() : null;
        var overlong = false;
        var phonetic = -1;
        var inText = 0;
        var buffer = new char[1024];
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "rPh" && !xml.IsEmptyElement && phonetic < 0:
                    phonetic = xml.Depth;
                    break;
                case XmlNodeType.EndElement when xml.Depth == phonetic:
                    phonetic = -1;
                    break;
                case XmlNodeType.Element when xml.LocalName is "v" or "t" && !xml.IsEmptyElement:
                    inText++;
                    break;
                case XmlNodeType.EndElement when xml.LocalName is "v" or "t":
                    inText--;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    // Read in chunks even when discarded: a 100 MB value never becomes a string.
                    int read;
                    while ((read = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        if (builder is null || inText <= 0 || phonetic >= 0)
                            continue;
                        var room = ImportLimits.MaxCellChars - builder.Length;
                        if (read > room)
                            overlong = true;
                        builder.Append(buffer, 0, Math.Min(read, Math.Max(room, 0)));
                    }
                    break;
            }
        }
        // Text holds CRs as the OOXML escape _x000D_ (see XlsxText): the value read is the value exported.
        return builder is null ? default : new CellText(XlsxText.Unescape(builder.ToString()), overlong);
    }

    /// <summary>"AB12" → 27 (zero-based); a reference past <see cref="ImportLimits.MaxColumns"/> stops counting early.</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > ImportLimits.MaxColumns) return int.MaxValue;
        }
        return index - 1;
    }

    private static List<CellText> ReadSharedStrings(SharedStringTablePart? part, InflationBudget budget)
    {
        var strings = new List<CellText>();
        if (part is null) return strings;
        using var xml = Open(part, budget);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
                strings.Add(ReadCellText(xml, keep: true));
        }
        return strings;
    }

    private static XmlReader Open(OpenXmlPart part, InflationBudget budget) =>
        XmlReader.Create(budget.Count(part.GetStream(FileMode.Open, FileAccess.Read)), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        });

    private readonly record struct CellText(string? Value, bool Overlong);
}
