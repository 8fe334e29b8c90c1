using System.Text;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Exports;
using Medimail.IdentityRegistry.Imports;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Imports;

/// <summary>Export then import gives the same accounts: the file formats, without a database.</summary>
public class ExportRoundTripTests
{
    private static readonly StructureRecord Structure = new() { Id = Guid.NewGuid(), Name = "Clinique des Sapins", MssanteDomain = "sapins.mssante.fr" };

    private static List<AccountRecord> Import(byte[] content)
    {
        var checker = new ImportRowChecker(Drafts.Rules);
        var file = LoadusersFile.Open(content);
        var state = new ImportFileState();
        var rows = file.DataRows().Select(r =>
        {
            var (draft, errors) = RowDrafts.Read(r, file.Columns, Structure);
            return checker.Check(r.Line, checker.Normalize(draft), errors, new InMemoryAccountDirectory(), state);
        }).ToList();
        Assert.Empty(rows.SelectMany(r => r.Errors));
        return rows.Select(r => ImportRowChecker.ToRecord(r, Structure, DateTimeOffset.UnixEpoch)).ToList();
    }

    private static async Task<byte[]> ExportAsync(IEnumerable<AccountRecord> accounts, bool xlsx)
    {
        var output = new MemoryStream();
        Task Emit(ReadOnlyMemory<byte> chunk) => output.WriteAsync(chunk).AsTask();
        if (xlsx) await XlsxExport.WriteAsync(Stream(accounts), Emit, CancellationToken.None);
        else await CsvExport.WriteAsync(Stream(accounts), Emit, CancellationToken.None);
        return output.ToArray();
    }

    private static async IAsyncEnumerable<AccountRecord> Stream(IEnumerable<AccountRecord> accounts)
    {
        foreach (var account in accounts)
        {
            await Task.Yield();
            yield return account;
        }
    }

    /// <summary>Every column of the file, as exported: two equal lists mean equal accounts as far as loadusers goes.</summary>
    /// A cell of a workbook keeps a line break as "\n": XML reads "\r\n" back as "\n".
    private static List<string> Columns(AccountRecord a) =>
        LoadusersColumns.All.Select(c => $"{c.Header}={c.Export(a)?.Replace("\r\n", "\n")}").Append($"state={a.State}").Append($"mssante={a.MssanteAddress}").ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Exported_accounts_import_back_unchanged(bool xlsx)
    {
        var original = Import(ImportFixtures.Read("win1252-semicolon.csv"))
            .Concat(Import(ImportFixtures.Read("multiline-quoted.csv"))).ToList();

        var again = Import(await ExportAsync(original, xlsx));

        Assert.Equal(original.Select(Columns), again.Select(Columns));
    }

    [Fact]
    public async Task The_csv_export_has_a_bom_semicolons_and_the_exact_loadusers_headers()
    {
        var bytes = await ExportAsync(Import(ImportFixtures.Read("utf8-bom-comma.csv")), xlsx: false);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var header = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n")[0];
        Assert.Equal(string.Join(';', LoadusersColumns.All.Select(c => c.Header)), header);
    }

    [Fact]
    public async Task The_xlsx_export_is_one_sheet_read_back_as_xlsx()
    {
        var bytes = await ExportAsync(Import(ImportFixtures.Read("utf8-bom-comma.csv")), xlsx: true);

        var file = LoadusersFile.Open(bytes);
        Assert.Equal(SheetFormat.Xlsx, file.Format);
        Assert.Equal(2, file.DataRows().Count());
    }

    [Fact]
    public async Task The_csv_export_is_written_in_chunks_not_in_one_piece()
    {
        var many = Enumerable.Range(0, 3000).Select(i => Import(ImportFixtures.Read("utf8-bom-comma.csv", $"n{i}"))[0]).ToList();
        var chunks = 0;
        await CsvExport.WriteAsync(Stream(many), chunk => { chunks++; Assert.True(chunk.Length < 2 * AccountExporter.ChunkBytes); return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(chunks > 3, $"{chunks} chunks");
    }
}
