using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Imports;
using Medimail.ServiceDefaults.Exports;

namespace Medimail.IdentityRegistry.Exports;

/// <summary>CSV as a French spreadsheet opens it: UTF-8 with BOM, ";" separated, the exact loadusers headers, no cell a formula.</summary>
internal static class CsvExport
{
    public static async Task WriteAsync(IAsyncEnumerable<AccountRecord> accounts, Func<ReadOnlyMemory<byte>, Task> emit, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream(AccountExporter.ChunkBytes * 2);
        await using var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ";",
            NewLine = "\r\n",
            // A lone "\n" inside a cell (what spreadsheets store) must be quoted too, not only "\r\n".
            ShouldQuote = args => args.Field is { } field && field.AsSpan().IndexOfAny(";\"\r\n") >= 0,
        });
        foreach (var column in LoadusersColumns.All)
            csv.WriteField(column.Header);
        await csv.NextRecordAsync();
        await foreach (var account in accounts.WithCancellation(cancellationToken))
        {
            foreach (var column in LoadusersColumns.All)
                csv.WriteField(SpreadsheetText.Neutralize(column.Export(account)) ?? "");
            await csv.NextRecordAsync();
            if (buffer.Length < AccountExporter.ChunkBytes)
                continue;
            await FlushAsync(csv, text, buffer, emit);
        }
        await FlushAsync(csv, text, buffer, emit);
    }

    private static async Task FlushAsync(CsvWriter csv, StreamWriter text, MemoryStream buffer, Func<ReadOnlyMemory<byte>, Task> emit)
    {
        await csv.FlushAsync();
        await text.FlushAsync();
        if (buffer.Length == 0) return;
        await emit(buffer.ToArray());
        buffer.SetLength(0);
    }
}
