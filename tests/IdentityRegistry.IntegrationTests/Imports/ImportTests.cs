using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

[Collection(IdentityCollection.Name)]
public sealed class ImportTests(IdentityFixture fixture)
{
    private static readonly ImportJob.Types.State Succeeded = ImportJob.Types.State.Succeeded;

    /// <summary>The status detail and the BadRequest descriptions, where the French message may be.</summary>
    private static string MessagesOf(RpcException ex) =>
        ex.Status.Detail + " " + string.Join(" ", ex.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Select(v => v.Description) ?? []);

    private Task<Account> GetAsync(string email) => fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }).ResponseAsync;

    [Fact]
    public async Task A_windows_1252_file_with_semicolons_and_labels_creates_every_account_with_codes()
    {
        var run = Unique.Suffix();
        var structure = await fixture.NewStructureAsync();

        var job = await fixture.ImportAsync(structure, ImportRuns.Fixture("win1252-semicolon.csv", run));

        Assert.Equal((Succeeded, 4, 4, 4, 0), (job.State, job.TotalRows, job.ProcessedRows, job.CreatedCount, job.RejectedCount));
        Assert.Contains(job.Warnings, w => w.Line == 1 && w.Column == "Commentaire");
        var per = await GetAsync($"jean.dupont.{run}@test.medimail.fr");
        Assert.Equal(("Jean-François", "10", "SM54", "31", "76"), (per.FirstName, per.Profession, per.Specialty, per.Address.DepartmentCode, per.Address.RegionCode));
        Assert.Equal(Account.Types.State.PreRegistered, per.State);
        var org = await GetAsync($"secretariat.{run}@test.medimail.fr");
        Assert.Equal(Account.Types.State.Active, org.State);
        Assert.Equal([$"jean.dupont.{run}@test.medimail.fr", $"sophie.bernard.{run}@test.medimail.fr"], org.ConnectionAccounts);
        Assert.Equal(structure.Id, org.StructureId);
    }

    [Fact]
    public async Task A_utf8_file_with_bom_commas_and_headers_in_any_order_and_case_is_imported()
    {
        var run = Unique.Suffix();
        var job = await fixture.ImportAsync(await fixture.NewStructureAsync(), ImportRuns.Fixture("utf8-bom-comma.csv", run));

        Assert.Equal((Succeeded, 2, 0), (job.State, job.CreatedCount, job.RejectedCount));
        Assert.Equal("3, rue des Lilas, bâtiment C", (await GetAsync($"paul.durand.{run}@test.medimail.fr")).Address.Line1);
        Assert.Equal("Léa", (await GetAsync($"lea.petit.{run}@test.medimail.fr")).FirstName);
    }

    [Fact]
    public async Task Quoted_multi_line_fields_are_imported_whole()
    {
        var run = Unique.Suffix();
        var job = await fixture.ImportAsync(await fixture.NewStructureAsync(), ImportRuns.Fixture("multiline-quoted.csv", run));

        Assert.Equal((Succeeded, 2), (job.State, job.CreatedCount));
        var anne = await GetAsync($"anne.morel.{run}@test.medimail.fr");
        Assert.Equal(("12 rue du Port; quai nord", "Bâtiment B\r\n2e étage", "Centre \"Les Tilleuls\""), (anne.Address.Line1, anne.Address.Line2, anne.LegalName));
    }

    [Fact]
    public async Task An_xlsx_workbook_is_recognised_by_its_content_whatever_its_name()
    {
        var run = Unique.Suffix();
        var rows = new List<IReadOnlyList<string>> { LoadusersFiles.Header.Split(';') };
        rows.AddRange(LoadusersFiles.ValidRows(run, 3).Select(r => (IReadOnlyList<string>)r.Split(';')));

        var started = await fixture.StartAsync(await fixture.NewStructureAsync(), LoadusersFiles.Xlsx(rows), fileName: "comptes.csv");
        var (job, _) = await fixture.FinishAsync(started);

        Assert.Equal((Succeeded, 3, 0), (job.State, job.CreatedCount, job.RejectedCount));
        Assert.Equal("Maria 1", (await GetAsync($"user1.{run}@bench.medimail.fr")).FirstName);
    }

    [Fact]
    public async Task Every_error_kind_is_reported_by_line_and_column_and_the_valid_rows_are_created()
    {
        var run = Unique.Suffix();
        var job = await fixture.ImportAsync(await fixture.NewStructureAsync(), ImportRuns.Fixture("errors.csv", run));

        Assert.Equal((Succeeded, 11, 3, 8), (job.State, job.TotalRows, job.CreatedCount, job.RejectedCount));
        var errors = job.Errors.Select(e => (e.Line, e.Column)).ToHashSet();
        foreach (var expected in new[] { (3, "Adresse mail"), (4, "RPPS"), (6, "Compte(s) de connexion"), (8, "NOM"), (9, "Activité libérale"), (10, "Profession"), (11, "Alias"), (12, "Type BAL") })
            Assert.Contains(expected, errors);
        Assert.DoesNotContain(job.Errors, e => e.Line is 2 or 5 or 7);
        Assert.Contains(job.Warnings, w => w.Line == 5 && w.Column == "RPPS");
        Assert.Contains("ligne 2", job.Errors.First(e => e.Line == 3).Message);
        // Line 7's connection account is the account created line 2.
        Assert.Equal([$"alice.martin.{run}@test.medimail.fr"], (await GetAsync($"secretariat.{run}@test.medimail.fr")).ConnectionAccounts);
    }

    [Fact]
    public async Task A_dry_run_reports_everything_and_writes_nothing()
    {
        var run = Unique.Suffix();
        var job = await fixture.ImportAsync(await fixture.NewStructureAsync(), ImportRuns.Fixture("errors.csv", run), dryRun: true);

        Assert.Equal((Succeeded, true, 0, 8), (job.State, job.DryRun, job.CreatedCount, job.RejectedCount));
        Assert.Contains(job.Errors, e => e.Line == 4 && e.Column == "RPPS");
        Assert.DoesNotContain(job.Errors, e => e.Line == 7);
        var missing = await Assert.ThrowsAsync<RpcException>(() => GetAsync($"alice.martin.{run}@test.medimail.fr"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Importing_the_same_file_again_creates_nothing_and_reports_the_rows_as_existing()
    {
        var run = Unique.Suffix();
        var structure = await fixture.NewStructureAsync();
        var content = ImportRuns.Fixture("win1252-semicolon.csv", run);
        await fixture.ImportAsync(structure, content);

        var again = await fixture.ImportAsync(structure, content);

        Assert.Equal((Succeeded, 0, 4), (again.State, again.CreatedCount, again.RejectedCount));
        Assert.All(Enumerable.Range(2, 4), line => Assert.Contains(again.Errors, e => e.Line == line && e.Column == "Adresse mail" && e.Message.Contains("déjà")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_at_once()
    {
        var pdf = "%PDF-1.7\n"u8.ToArray().Concat(new byte[] { 0, 1, 2, 0xFF, 0xFE, 0 }).ToArray();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.StartAsync(await fixture.NewStructureAsync(), pdf, fileName: "loadusers.csv"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("n'est pas un tableur", MessagesOf(error));
    }

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_with_the_limit()
    {
        var content = LoadusersFiles.Csv(Enumerable.Range(0, 200_001).Select(i => $"x{i}@x.fr;A;B;;;;;;;;;;;PER;;;;;;;;;"));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.StartAsync(await fixture.NewStructureAsync(), content));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("200000 lignes", MessagesOf(error));
    }

    [Fact]
    public async Task A_file_over_50_mb_is_refused_with_the_limit()
    {
        var content = new byte[51 * 1024 * 1024];
        Array.Fill(content, (byte)'a');
        "Adresse mail;NOM\r\n"u8.CopyTo(content);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.StartAsync(await fixture.NewStructureAsync(), content));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("50 Mo", MessagesOf(error));
    }

    [Fact]
    public async Task A_100000_row_file_runs_as_a_job_whose_progress_only_grows_until_every_row_is_created()
    {
        var run = Unique.Suffix();
        var content = LoadusersFiles.Csv(LoadusersFiles.ValidRows(run, 100_000));

        var started = await fixture.StartAsync(await fixture.NewStructureAsync(), content);
        Assert.Equal((ImportJob.Types.State.Running, 100_000, 0), (started.State, started.TotalRows, started.ProcessedRows));
        var (job, polls) = await fixture.FinishAsync(started, TimeSpan.FromMinutes(5));

        Assert.Equal((Succeeded, 100_000, 100_000, 0), (job.State, job.ProcessedRows, job.CreatedCount, job.RejectedCount));
        var progress = polls.Select(p => p.ProcessedRows).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.Equal("SECRÉTARIAT", (await GetAsync($"user99999.{run}@bench.medimail.fr")).LastName);
    }
}
