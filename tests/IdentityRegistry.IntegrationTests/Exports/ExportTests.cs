using System.Text;
using Medimail.IdentityRegistry.IntegrationTests.Imports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Exports;

[Collection(IdentityCollection.Name)]
public sealed class ExportTests(IdentityFixture fixture)
{
    private async Task<(byte[] Body, string? Disposition)> ExportAsync(string structureId, string format)
    {
        using var http = Channels.Rest(fixture.Token);
        using var response = await http.GetAsync($"/api/v1/accounts:export?structureId={structureId}&format={format}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        return (body, response.Content.Headers.ContentDisposition?.ToString() ?? string.Join(",", response.Headers.TryGetValues("content-disposition", out var v) ? v : []));
    }

    private static byte[] Rename(byte[] content, string from, string to) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace(from, to, StringComparison.Ordinal));

    [Fact]
    public async Task The_csv_export_opens_in_a_french_spreadsheet_bom_semicolons_and_loadusers_headers()
    {
        var run = Unique.Suffix();
        var structure = await fixture.NewStructureAsync();
        await fixture.ImportAsync(structure, ImportRuns.Fixture("win1252-semicolon.csv", run));

        var (body, disposition) = await ExportAsync(structure.Id, "CSV");

        Assert.Contains("loadusers.csv", disposition);
        Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
        var text = Encoding.UTF8.GetString(body, 3, body.Length - 3);
        Assert.EndsWith(";\r\n", text);
        Assert.DoesNotContain("\n\n", text);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Adresse mail;NOM;Prénom;RPPS;ADELI;Raison Sociale;", lines[0]);
        Assert.EndsWith(";Alias;Compte(s) de connexion;Structure", lines[0]);
        Assert.Equal(5, lines.Length);
        // People first: the ORG's connection accounts precede it, so the file imports back in one pass.
        Assert.StartsWith($"secretariat.{run}@", lines[^1]);
    }

    [Theory]
    [InlineData("CSV")]
    [InlineData("XLSX")]
    public async Task An_export_imported_into_an_empty_structure_gives_the_same_accounts(string format)
    {
        var run = Unique.Suffix();
        var source = await fixture.NewStructureAsync();
        await fixture.ImportAsync(source, ImportRuns.Fixture("win1252-semicolon.csv", run));
        await fixture.ImportAsync(source, ImportRuns.Fixture("multiline-quoted.csv", run));
        var (exported, _) = await ExportAsync(source.Id, format);
        var (sourceCsv, _) = await ExportAsync(source.Id, "CSV");

        // Addresses are unique across the platform: the copy gets new ones, in the file as exported.
        var copyRun = Unique.Suffix();
        var target = await fixture.NewStructureAsync();
        var content = format == "CSV" ? Rename(exported, run, copyRun) : RenameInXlsx(exported, run, copyRun);
        var job = await fixture.ImportAsync(target, content);

        Assert.Equal((6, 0), (job.CreatedCount, job.RejectedCount));
        // Every field of every account, compared through the export of the copy (same columns, same order).
        var (again, _) = await ExportAsync(target.Id, "CSV");
        Assert.Equal(Encoding.UTF8.GetString(sourceCsv), Encoding.UTF8.GetString(Rename(again, copyRun, run)));
    }

    /// <summary>The workbook with every cell text renamed, as a person editing it in a spreadsheet would.</summary>
    private static byte[] RenameInXlsx(byte[] content, string from, string to)
    {
        using var stream = new MemoryStream();
        stream.Write(content);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var roots = workbook.WorksheetParts.Select(p => (OpenXmlPartRootElement)p.Worksheet)
                .Concat(workbook.SharedStringTablePart is { } shared ? [shared.SharedStringTable] : []);
            var renamed = 0;
            foreach (var root in roots)
            {
                foreach (var text in root.Descendants<Text>().Where(t => t.Text.Contains(from, StringComparison.Ordinal)))
                {
                    text.Text = text.Text.Replace(from, to, StringComparison.Ordinal);
                    renamed++;
                }
                root.Save();
            }
            Assert.True(renamed > 0, "the workbook holds none of the imported addresses");
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Import_with_invitations_stages_an_enrolment_request_for_each_created_person_with_its_batch()
    {
        var run = Unique.Suffix();
        var job = await fixture.ImportAsync(await fixture.NewStructureAsync(), ImportRuns.Fixture("win1252-semicolon.csv", run), sendInvitations: true);
        Assert.Equal(4, job.CreatedCount);

        await using var connection = await Platform.OpenIdentityDatabaseAsync();
        await using var query = new NpgsqlCommand(
            "SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%EnrolmentInvitationsRequested' AND payload::text LIKE $1", connection);
        query.Parameters.AddWithValue($"%.{run}@test.medimail.fr%");
        var payloads = new List<string>();
        await using (var reader = await query.ExecuteReaderAsync())
            while (await reader.ReadAsync()) payloads.Add(reader.GetString(0));

        var all = string.Join("\n", payloads);
        // The three people (PER, MED, INT) are invited; the ORG box never signs in.
        foreach (var person in new[] { "jean.dupont", "sophie.bernard", "maria.garcia" })
            Assert.Contains($"{person}.{run}@test.medimail.fr", all);
        Assert.DoesNotContain($"\"secretariat.{run}@test.medimail.fr\"", all);
    }
}
