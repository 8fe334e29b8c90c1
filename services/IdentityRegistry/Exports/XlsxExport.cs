using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Imports;
using Medimail.ServiceDefaults.Exports;

namespace Medimail.IdentityRegistry.Exports;

/// <summary>
/// One sheet with the loadusers headers; every cell is text, so a CP "01000" or an RPPS keeps its leading zero.
/// A zip package needs to seek while it is closed: the workbook is written with the SAX writer to a temporary file
/// (disk, not memory: the accounts are never all loaded), then sent as ONE message — the REST transcoder ends every
/// streamed message with "\n", which would break a zip cut in pieces; the compressed file is a few MB.
/// </summary>
internal static class XlsxExport
{
    public static async Task WriteAsync(IAsyncEnumerable<AccountRecord> accounts, Func<ReadOnlyMemory<byte>, Task> emit, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true))
            {
                await WriteWorkbookAsync(file, accounts, cancellationToken);
            }
            await emit(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteWorkbookAsync(Stream stream, IAsyncEnumerable<AccountRecord> accounts, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            uint line = 1;
            WriteRow(writer, line, LoadusersColumns.All.Select(c => c.Header));
            await foreach (var account in accounts.WithCancellation(cancellationToken))
                WriteRow(writer, ++line, LoadusersColumns.All.Select(c => SpreadsheetText.Neutralize(c.Export(account))));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        using (var writer = OpenXmlWriter.Create(workbook))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            writer.WriteElement(new Sheet { Name = "Comptes", SheetId = 1, Id = workbook.GetIdOfPart(sheet) });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    private static void WriteRow(OpenXmlWriter writer, uint line, IEnumerable<string?> values)
    {
        writer.WriteStartElement(new Row { RowIndex = line });
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + line;
            if (!string.IsNullOrEmpty(value))
                writer.WriteElement(new Cell(new InlineString(new Text(Imports.XlsxText.Escape(value)) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                });
        }
        writer.WriteEndElement();
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
