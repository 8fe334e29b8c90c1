using System.IO.Compression;
using System.Text;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>
/// What an import costs is bounded by constants, whatever the file holds: through the gateway to the real
/// Identity-Registry, whose peak resident memory (VmHWM in /proc) is read before and after. The bound stated here,
/// 300 MB of growth of the peak, is what the largest legitimate batch needs with room to spare; the files below cost
/// 2 to 13 GB before the fix.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ImportBoundsTests(IdentityFixture fixture)
{
    private const long MemoryBound = 300L * 1024 * 1024;

    private const string HeaderXml = """<row r="1"><c r="A1" t="inlineStr"><is><t>Adresse mail</t></is></c><c r="B1" t="inlineStr"><is><t>Type BAL</t></is></c><c r="C1" t="inlineStr"><is><t>Description fonctionnelle</t></is></c></row>""";

    [Fact]
    public async Task Cells_far_to_the_right_are_skipped_without_filling_the_columns_before_them()
    {
        var structure = await fixture.NewStructureAsync();
        var rows = new StringBuilder(HeaderXml);
        for (var line = 2; line <= 101; line++)
            rows.Append($"""<row r="{line}"><c r="ZZZZZ{line}" t="inlineStr"><is><t>x</t></is></c></row>""");
        var before = PlatformProcess.MemoryOf("identity");

        var job = await fixture.ImportAsync(structure, Workbook(rows.ToString()));

        var after = PlatformProcess.MemoryOf("identity");
        Assert.True(after.Peak - before.Peak < MemoryBound, $"Identity-Registry's peak memory grew by {(after.Peak - before.Peak) / 1048576} MB");
        // Rows whose only cell is beyond the template are blank rows: nothing to import, nothing created.
        Assert.Equal((ImportJob.Types.State.Succeeded, 0), (job.State, job.CreatedCount));
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
    }

    [Fact]
    public async Task A_zip_bomb_cell_is_refused_on_content_before_it_inflates()
    {
        var structure = await fixture.NewStructureAsync();
        // 100 MB of one letter in one inline string: about 100 KB zipped.
        var huge = new string('A', 100 * 1024 * 1024);
        var bomb = Workbook(HeaderXml + $"""<row r="2"><c r="A2" t="inlineStr"><is><t>a@b.fr</t></is></c><c r="C2" t="inlineStr"><is><t>{huge}</t></is></c></row>""");
        huge = null;
        var before = PlatformProcess.MemoryOf("identity");

        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.StartAsync(structure, bomb));

        var after = PlatformProcess.MemoryOf("identity");
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["content"], RpcErrors.FieldsOf(refused));
        Assert.True(refused.Status.Detail.Length < 1000);
        Assert.True(after.Peak - before.Peak < MemoryBound, $"Identity-Registry's peak memory grew by {(after.Peak - before.Peak) / 1048576} MB");
        Assert.Equal(0, await JobsOfAsync(structure));
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
    }

    [Fact]
    public async Task An_overlong_cell_rejects_its_row_with_a_short_excerpt()
    {
        var structure = await fixture.NewStructureAsync();
        var email = Unique.Email("long");
        var description = new string('d', 20_000);
        var csv = Encoding.UTF8.GetBytes($"Adresse mail;Type BAL;Description fonctionnelle\r\n{email};ORG;{description}\r\n");

        var job = await fixture.ImportAsync(structure, csv);

        Assert.Equal((1, 0), (job.RejectedCount, job.CreatedCount));
        var error = Assert.Single(job.Errors, e => e.Column == "Description fonctionnelle");
        Assert.Contains("4096 caractères", error.Message);
        Assert.True(error.Message.Length <= 600, $"{error.Message.Length} characters");
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task Errors_beyond_the_cap_are_counted_not_stored()
    {
        var structure = await fixture.NewStructureAsync();
        // Every row refused for its OUI/NON value: one error per row, 12,000 rows.
        var rows = Enumerable.Range(0, 12_000).Select(i => $"bad{i}@x.fr;PER;peut-être");
        var csv = Encoding.UTF8.GetBytes("Adresse mail;Type BAL;Activité libérale\r\n" + string.Join("\r\n", rows) + "\r\n");

        var job = await fixture.ImportAsync(structure, csv);

        Assert.Equal((12_000, 0), (job.RejectedCount, job.CreatedCount));
        Assert.Equal(10_000, job.Errors.Count);
        Assert.True(job.OmittedErrorCount >= 2_000, $"{job.OmittedErrorCount} omitted");
        await using var db = await Platform.OpenIdentityDatabaseAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM import_issues WHERE job_id = @id AND is_error";
        count.Parameters.AddWithValue("id", Guid.Parse(job.Id));
        Assert.Equal(10_000L, (long)(await count.ExecuteScalarAsync())!);
    }

    private static async Task<long> JobsOfAsync(Structure structure)
    {
        await using var db = await Platform.OpenIdentityDatabaseAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM import_jobs WHERE structure_id = @id";
        count.Parameters.AddWithValue("id", Guid.Parse(structure.Id));
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A minimal package written part by part, as a hostile file would be (no SDK to tidy it).</summary>
    private static byte[] Workbook(string sheetRows)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Comptes" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Part("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheetRows}</sheetData></worksheet>""");
        }
        return stream.ToArray();
    }
}
