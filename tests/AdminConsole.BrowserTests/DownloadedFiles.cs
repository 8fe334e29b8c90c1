using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace Medimail.AdminConsole.BrowserTests;

/// <summary>What a console download holds, read back as rows of cells: the CSV as a French spreadsheet writes it (";"), the XLSX with OpenXML.</summary>
internal static class DownloadedFiles
{
    /// <summary>Clicks <paramref name="link"/> and returns the bytes of the download it starts.</summary>
    public static async Task<byte[]> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The CSV's rows (header first); the exports quote no cell of these tests' accounts.</summary>
    public static List<string[]> CsvRows(byte[] file) =>
        new StreamReader(new MemoryStream(file), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd()
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(';')).ToList();

    /// <summary>The first sheet's rows (header first), inline and shared strings alike.</summary>
    public static List<string[]> XlsxRows(byte[] file)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), isEditable: false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = workbook.WorksheetParts.First().Worksheet;
        return sheet.Descendants<Row>().Select(row =>
        {
            // Empty cells are not written: each cell goes to the column its reference ("C2") names.
            var cells = row.Elements<Cell>().ToList();
            var values = new string[cells.Count == 0 ? 0 : cells.Max(ColumnIndex) + 1];
            Array.Fill(values, "");
            foreach (var cell in cells)
                values[ColumnIndex(cell)] = cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.InnerText)] : cell.InnerText;
            return values;
        }).ToList();
    }

    private static int ColumnIndex(Cell cell) =>
        cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (index, letter) => index * 26 + letter - 'A' + 1) - 1;

    /// <summary>The values of the column titled <paramref name="header"/> (the first row).</summary>
    public static List<string> Column(List<string[]> rows, string header)
    {
        var index = Array.IndexOf(rows[0], header);
        Assert.True(index >= 0, $"No column « {header} » in: {string.Join(" | ", rows[0])}");
        return rows.Skip(1).Select(r => index < r.Length ? r[index] : "").ToList();
    }
}
