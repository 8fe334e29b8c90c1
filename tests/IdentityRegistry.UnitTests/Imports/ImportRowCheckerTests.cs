using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Imports;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Imports;

public class ImportRowCheckerTests
{
    private static readonly StructureRecord Structure = new() { Id = Guid.NewGuid(), Name = "Clinique des Sapins", MssanteDomain = "sapins.mssante.fr" };

    /// <summary>The errors.csv fixture checked row by row as the worker does, against an empty database.</summary>
    private static List<CheckedRow> CheckErrorsFixture()
    {
        var checker = new ImportRowChecker(Drafts.Rules);
        var file = LoadusersFile.Open(ImportFixtures.Read("errors.csv"));
        var state = new ImportFileState();
        return file.DataRows().Select(row =>
        {
            var (draft, errors) = RowDrafts.Read(row, file.Columns, Structure);
            return checker.Check(row.Line, checker.Normalize(draft), errors, new InMemoryAccountDirectory(), state);
        }).ToList();
    }

    [Fact]
    public void Each_error_kind_is_reported_on_its_line_and_column_and_the_valid_rows_pass()
    {
        var rows = CheckErrorsFixture();

        Assert.Equal([2, 5, 7], rows.Where(r => r.IsValid).Select(r => r.Line));
        var errors = rows.SelectMany(r => r.Errors).Select(e => (e.Line, e.Column)).ToHashSet();
        Assert.Contains((3, "Adresse mail"), errors);
        Assert.Contains((4, "RPPS"), errors);
        Assert.Contains((6, "Compte(s) de connexion"), errors);
        Assert.Contains((8, "NOM"), errors);
        Assert.Contains((9, "Activité libérale"), errors);
        Assert.Contains((10, "Profession"), errors);
        Assert.Contains((11, "Alias"), errors);
        Assert.Contains((12, "Type BAL"), errors);
    }

    [Fact]
    public void The_same_address_twice_names_the_first_line_once()
    {
        var duplicate = CheckErrorsFixture().Single(r => r.Line == 3);

        var error = Assert.Single(duplicate.Errors, e => e.Column == "Adresse mail");
        Assert.Contains("ligne 2", error.Message);
    }

    [Fact]
    public void An_rpps_failing_its_check_digit_is_a_warning_and_the_row_is_kept()
    {
        var row = CheckErrorsFixture().Single(r => r.Line == 5);

        Assert.True(row.IsValid);
        Assert.Contains(row.Warnings, w => w.Column == "RPPS");
    }

    [Fact]
    public void A_bad_yes_no_value_is_reported_once_in_french()
    {
        var row = CheckErrorsFixture().Single(r => r.Line == 9);

        var error = Assert.Single(row.Errors, e => e.Column == "Activité libérale");
        Assert.Contains("OUI ou NON", error.Message);
    }

    [Fact]
    public void An_address_already_in_the_database_is_reported_as_existing()
    {
        var checker = new ImportRowChecker(Drafts.Rules);
        var draft = checker.Normalize(Drafts.Per with { Email = Drafts.ExistingPerson });

        var row = checker.Check(2, draft, [], Drafts.Directory(), new ImportFileState());

        Assert.Contains(row.Errors, e => e.Column == "Adresse mail" && e.Message.Contains("déjà"));
    }

    [Fact]
    public void Nominative_accounts_are_built_pre_registered_without_password_and_shared_boxes_active()
    {
        var rows = CheckErrorsFixture();

        var per = ImportRowChecker.ToRecord(rows.Single(r => r.Line == 2), Structure, DateTimeOffset.UnixEpoch);
        var org = ImportRowChecker.ToRecord(rows.Single(r => r.Line == 7), Structure, DateTimeOffset.UnixEpoch);
        Assert.Equal(("PRE_REGISTERED", null), (per.State, per.PasswordHash));
        Assert.Equal("ACTIVE", org.State);
        Assert.Equal(["alice.martin.u1@test.medimail.fr"], org.ConnectionAccounts);
    }

    [Fact]
    public void Labels_of_the_reference_lists_become_codes()
    {
        var checker = new ImportRowChecker(Drafts.Rules);
        var file = LoadusersFile.Open(ImportFixtures.Read("win1252-semicolon.csv"));
        var state = new ImportFileState();
        var rows = file.DataRows().Select(r =>
        {
            var (draft, errors) = RowDrafts.Read(r, file.Columns, Structure);
            return checker.Check(r.Line, checker.Normalize(draft), errors, new InMemoryAccountDirectory(), state);
        }).ToList();

        Assert.All(rows, r => Assert.Empty(r.Errors));
        var per = rows[0].Draft;
        Assert.Equal(("10", "SM54", "31", "76"), (per.Profession, per.Specialty, per.Address.DepartmentCode, per.Address.RegionCode));
        Assert.Equal(("MM-SEC", "DR"), (rows[1].Draft.Profession, rows[2].Draft.ExerciseTitle));
    }
}
