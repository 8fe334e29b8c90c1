using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// Files an administrator could upload by mistake, or an attacker on purpose, through the gateway's gRPC port to the
/// real Identity-Registry: refused at StartImport on <c>content</c>, no job written, every service ready, and
/// Identity-Registry's memory bounded by the size of the file sent (not by what it inflates to).
/// </summary>
public sealed class ImportBadInputTests
{
    [Theory]
    [InlineData("with control bytes")]
    [InlineData("printable bytes only")]
    public async Task A_csv_of_binary_garbage_is_refused_on_content(string kind)
    {
        var garbage = new byte[2 * 1024 * 1024];
        new Random(19).NextBytes(garbage);
        if (kind == "printable bytes only")
            for (var i = 0; i < garbage.Length; i++)
                garbage[i] = (byte)(0x20 + garbage[i] % 0xDF);

        await AssertRefusedAsync("comptes.csv", garbage, perInputByte: 4, mentions: null);
    }

    [Fact]
    public async Task A_zip_bomb_named_xlsx_is_refused_on_content_before_it_inflates()
    {
        // 64 MB of sheet XML in rows whose one cell lies beyond the columns read: blank rows, so only the inflation
        // guard refuses the file (without it, this is a valid empty import). Identical rows: a few hundred KB zipped.
        var filler = new string('A', 1000);
        var bomb = Workbooks.Build(w =>
        {
            w.Write(Workbooks.HeaderRow);
            for (var line = 2; line < 64_000; line++)
                w.Write($"""<row><c r="ZZ1" t="inlineStr"><is><t>{filler}</t></is></c></row>""");
        });
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"the bomb is {bomb.Length / 1024} KB");

        await AssertRefusedAsync("bombe.xlsx", bomb, perInputByte: 40, mentions: "compressé anormalement");
    }

    [Fact]
    public async Task Ten_million_empty_rows_in_a_small_xlsx_are_refused_on_content()
    {
        var rows = Workbooks.Build(w =>
        {
            w.Write(Workbooks.HeaderRow);
            for (var line = 0; line < 10_000_000; line++)
                w.Write("<row/>");
        });
        Assert.True(rows.Length < 1024 * 1024, $"the file is {rows.Length / 1024} KB");

        await AssertRefusedAsync("vide.xlsx", rows, perInputByte: 40, mentions: "compressé anormalement");
    }

    [Fact]
    public async Task A_sheet_declaring_ten_million_rows_costs_what_its_few_rows_cost()
    {
        // A dimension and a last row numbered 10,000,000: a reader that allocates the rows it is told about dies here.
        var file = Workbooks.Build(w =>
        {
            w.Write(Workbooks.HeaderRow);
            w.Write("""<row r="10000000" spans="1:16384"/>""");
        }, sheetPrefix: """<dimension ref="A1:XFD10000000"/>""");
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var imports = new ImportService.ImportServiceClient(channel);
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        var memory = MemoryWatch.Of("identity");
        var accounts = await Doors.CountAsync("identity", "SELECT count(*) FROM accounts");

        var job = await imports.StartImportAsync(new StartImportRequest { StructureId = structure.Id, FileName = "dix-millions.xlsx", Content = ByteString.CopyFrom(file) });

        Assert.Equal((ImportJob.Types.State.Succeeded, 0, 0), (job.State, job.TotalRows, job.CreatedCount));
        memory.AssertBounded(file.Length, 40, "a sheet declaring 10,000,000 rows");
        Assert.Equal(accounts, await Doors.CountAsync("identity", "SELECT count(*) FROM accounts"));
        await Doors.AssertAllReadyAsync();
    }

    private static async Task AssertRefusedAsync(string fileName, byte[] file, double perInputByte, string? mentions)
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var imports = new ImportService.ImportServiceClient(channel);
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        var before = await Doors.WrittenRowsAsync();
        var memory = MemoryWatch.Of("identity");

        var refused = await Assert.ThrowsAsync<RpcException>(() => imports.StartImportAsync(new StartImportRequest
        {
            StructureId = structure.Id, FileName = fileName, Content = ByteString.CopyFrom(file),
        }).ResponseAsync);

        Doors.AssertRefused(refused, StatusCode.InvalidArgument, "content");
        if (mentions is not null)
            Assert.Contains(mentions, refused.Status.Detail + string.Join(' ', refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Description)));
        memory.AssertBounded(file.Length, perInputByte, fileName);
        Assert.Equal(before, await Doors.WrittenRowsAsync());
        Assert.Equal(0, await Doors.CountAsync("identity", "SELECT count(*) FROM import_jobs WHERE structure_id = @s", ("s", Guid.Parse(structure.Id))));
        await Doors.AssertAllReadyAsync();
    }
}
