using System.Text;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Imports;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.UnitTests.Imports;

public class LoadusersFileTests
{
    private static readonly StructureRecord Structure = new() { Id = Guid.NewGuid(), Name = "Clinique des Sapins", MssanteDomain = "sapins.mssante.fr" };

    [Fact]
    public void A_windows_1252_file_with_semicolons_reads_its_accents_and_reports_the_extra_column()
    {
        var file = LoadusersFile.Open(ImportFixtures.Read("win1252-semicolon.csv"));

        Assert.Equal(SheetFormat.Csv, file.Format);
        var rows = file.DataRows().ToList();
        Assert.Equal(4, rows.Count);
        var (draft, errors) = RowDrafts.Read(rows[0], file.Columns, Structure);
        Assert.Empty(errors);
        Assert.Equal("Jean-François", draft.FirstName);
        Assert.Equal("haute-garonne", draft.Address.DepartmentCode);
        var warning = Assert.Single(file.HeaderWarnings);
        Assert.Equal((1, "Commentaire"), (warning.Line, warning.Column));
    }

    [Fact]
    public void One_reader_per_file_reads_every_row_and_a_short_row_leaves_its_last_columns_empty()
    {
        var file = LoadusersFile.Open(Encoding.UTF8.GetBytes(
            "Type BAL;Adresse mail;NOM;Structure\r\nPER;a.u1@test.medimail.fr;DUPONT;clinique des sapins\r\nMED;b.u1@test.medimail.fr\r\nPER;c.u1@test.medimail.fr;MARTIN;Autre clinique\r\n"));
        var reader = new RowDrafts(file.Columns, Structure);

        var rows = file.DataRows().Select(reader.Read).ToList();

        Assert.Equal(("PER", "a.u1@test.medimail.fr", "DUPONT"), (rows[0].Draft.Type, rows[0].Draft.Email, rows[0].Draft.LastName));
        Assert.Empty(rows[0].Errors);
        Assert.Equal(("MED", "b.u1@test.medimail.fr", null), (rows[1].Draft.Type, rows[1].Draft.Email, rows[1].Draft.LastName));
        Assert.Equal("Structure", Assert.Single(rows[2].Errors).Column);
    }

    [Fact]
    public void A_utf8_file_with_bom_and_commas_finds_headers_in_any_order_case_and_accents()
    {
        var file = LoadusersFile.Open(ImportFixtures.Read("utf8-bom-comma.csv"));

        Assert.Empty(file.HeaderWarnings);
        var rows = file.DataRows().ToList();
        var (per, _) = RowDrafts.Read(rows[0], file.Columns, Structure);
        var (med, _) = RowDrafts.Read(rows[1], file.Columns, Structure);
        Assert.Equal("paul.durand.u1@test.medimail.fr", per.Email);
        Assert.Equal("3, rue des Lilas, bâtiment C", per.Address.Line1);
        Assert.Equal("Cabinet Petit, Durand et associés", med.LegalName);
        Assert.Equal("Léa", med.FirstName);
    }

    [Fact]
    public void Quoted_fields_keep_their_separators_quotes_and_line_breaks_and_rows_keep_their_sheet_line()
    {
        var file = LoadusersFile.Open(ImportFixtures.Read("multiline-quoted.csv"));

        var rows = file.DataRows().ToList();
        Assert.Equal([2, 3], rows.Select(r => r.Line));
        var (anne, _) = RowDrafts.Read(rows[0], file.Columns, Structure);
        Assert.Equal("12 rue du Port; quai nord", anne.Address.Line1);
        Assert.Equal("Bâtiment B\r\n2e étage", anne.Address.Line2);
        Assert.Equal("Centre \"Les Tilleuls\"", anne.LegalName);
        var (marc, _) = RowDrafts.Read(rows[1], file.Columns, Structure);
        Assert.Equal("Porte 3\nau fond de la cour", marc.Address.Line2);
    }

    [Fact]
    public void A_windows_1252_byte_that_is_not_utf8_selects_windows_1252()
    {
        var (encoding, skip) = TextDecoding.Detect(TextDecoding.Windows1252.GetBytes("Prénom;NOM"));
        Assert.Equal((1252, 0), (encoding.CodePage, skip));
        var (utf8, bom) = TextDecoding.Detect([0xEF, 0xBB, 0xBF, (byte)'a']);
        Assert.Equal((65001, 3), (utf8.CodePage, bom));
    }

    [Fact]
    public void A_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message()
    {
        var pdf = "%PDF-1.7\n"u8.ToArray().Concat(new byte[] { 0, 1, 2, 3, 0xFF, 0x00 }).ToArray();

        var error = Assert.Throws<ValidationFailedException>(() => LoadusersFile.Open(pdf));
        Assert.Equal("content", error.Violations[0].Field);
        Assert.Contains("n'est pas un tableur", error.Violations[0].Description);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_refused_as_unreadable()
    {
        var error = Assert.Throws<ValidationFailedException>(() => LoadusersFile.Open("PK\u0003\u0004garbage"u8.ToArray()));
        Assert.Contains("XLSX", error.Violations[0].Description);
    }

    [Fact]
    public void A_header_line_without_the_address_column_is_refused()
    {
        var error = Assert.Throws<ValidationFailedException>(() => LoadusersFile.Open(Encoding.UTF8.GetBytes("nom;prénom\nDUPONT;Jean\n")));
        Assert.Contains("Adresse mail", error.Violations[0].Description);
    }

    [Fact]
    public void A_column_given_twice_is_refused()
    {
        var error = Assert.Throws<ValidationFailedException>(() => LoadusersFile.Open(Encoding.UTF8.GetBytes("Adresse mail;NOM;nom\n")));
        Assert.Contains("deux fois", error.Violations[0].Description);
    }

    [Fact]
    public void The_separator_is_the_one_of_the_header_line_even_when_values_hold_the_other()
    {
        Assert.Equal(';', CsvSheetReader.DetectSeparator("Adresse mail;NOM;\"a,b\"\nx,y,z;1;2"u8, Encoding.UTF8));
        Assert.Equal(',', CsvSheetReader.DetectSeparator("Adresse mail,NOM,\"a;b;c\"\n"u8, Encoding.UTF8));
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AA10", 26)]
    [InlineData("AJ2", 35)]
    public void Xlsx_cell_references_map_to_column_positions(string reference, int index) =>
        Assert.Equal(index, XlsxSheetReader.ColumnIndex(reference));

    [Fact]
    public void Rules_fields_map_to_loadusers_columns()
    {
        Assert.Equal("Compte(s) de connexion", LoadusersColumns.HeaderOf("connectionAccounts[2]"));
        Assert.Equal("CP", LoadusersColumns.HeaderOf("address.postalCode"));
        Assert.Equal("Identifiant resp", LoadusersColumns.HeaderOf("responsible.identifier"));
        Assert.Equal("RPPS", LoadusersColumns.HeaderOf("rpps"));
    }
}
