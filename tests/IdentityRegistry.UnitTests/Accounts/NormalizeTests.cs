using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class NormalizeTests
{
    [Fact]
    public void Last_name_and_city_are_upper_cased_and_email_lower_cased()
    {
        var normalized = Drafts.Rules.Normalize(Drafts.Per with
        {
            Email = "  Jean.Dupont@CHU-Toulouse.fr ",
            LastName = " Dupont-Lefèvre ",
            Address = Drafts.Toulouse with { City = "Toulouse" },
        });
        Assert.Equal("jean.dupont@chu-toulouse.fr", normalized.Email);
        Assert.Equal("DUPONT-LEFÈVRE", normalized.LastName);
        Assert.Equal("TOULOUSE", normalized.Address.City);
    }

    [Fact]
    public void Validating_a_normalised_draft_without_normalising_again_finds_the_same_errors_and_warnings()
    {
        // Labels, lower-case codes, an RPPS failing its key (warning), a department from another region (error).
        var drafts = new[]
        {
            Drafts.Int with { Profession = "médecin", ExerciseTitle = "docteur", Address = Drafts.Toulouse with { DepartmentCode = "haute-garonne" } },
            Drafts.Per with { Rpps = "10123456789", Type = "per" },
            Drafts.Org with { Address = Drafts.Toulouse with { DepartmentCode = "75" } },
        };
        var results = drafts.Select(draft =>
        {
            var once = Drafts.Rules.ValidateNormalized(Drafts.Rules.Normalize(draft), Drafts.Directory());
            var twice = Drafts.Rules.Validate(draft, Drafts.Directory());
            Assert.Equal(twice.Errors, once.Errors);
            Assert.Equal(twice.Warnings, once.Warnings);
            return once;
        }).ToList();
        Assert.True(results[0].IsValid);
        Assert.NotEmpty(results[1].Warnings);
        Assert.NotEmpty(results[2].Errors);
    }

    [Fact]
    public void A_lower_case_last_name_is_accepted_not_rejected() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with { LastName = "dupont" }));

    [Fact]
    public void Labels_become_codes()
    {
        var normalized = Drafts.Rules.Normalize(Drafts.Int with
        {
            Profession = "médecin",
            Specialty = "Medecine generale",
            ExerciseTitle = "docteur",
            Address = Drafts.Toulouse with { DepartmentCode = "Haute-Garonne", RegionCode = "OCCITANIE" },
        });
        Assert.Equal("10", normalized.Profession);
        Assert.Equal("SM54", normalized.Specialty);
        Assert.Equal("DR", normalized.ExerciseTitle);
        Assert.Equal("31", normalized.Address.DepartmentCode);
        Assert.Equal("76", normalized.Address.RegionCode);
    }

    [Fact]
    public void Empty_region_is_taken_from_the_department() =>
        Assert.Equal("76", Drafts.Rules.Normalize(Drafts.Per with { Address = Drafts.Toulouse with { RegionCode = "" } }).Address.RegionCode);

    [Fact]
    public void Department_number_that_lost_its_leading_zero_is_restored()
    {
        var normalized = Drafts.Rules.Normalize(Drafts.Per with { Address = Drafts.Toulouse with { DepartmentCode = "1" } });
        Assert.Equal("01", normalized.Address.DepartmentCode);
    }

    [Fact]
    public void Identifiers_are_trimmed_but_inner_spaces_are_kept_for_the_error() =>
        Assert.Equal("101 23456781", Drafts.Rules.Normalize(Drafts.Per with { Rpps = " 101 23456781 " }).Rpps);

    [Fact]
    public void Blank_fields_become_null() =>
        Assert.Null(Drafts.Rules.Normalize(Drafts.Per with { LegalName = "   " }).LegalName);

    [Fact]
    public void Normalizing_twice_changes_nothing()
    {
        var once = Drafts.Rules.Normalize(Drafts.Org with { LastName = "Secrétariat", ConnectionAccounts = ["A@x.fr;b@x.fr"] });
        var twice = Drafts.Rules.Normalize(once);
        Assert.Equal(once with { ConnectionAccounts = [] }, twice with { ConnectionAccounts = [] });
        Assert.Equal(once.ConnectionAccounts, twice.ConnectionAccounts);
    }

    [Theory]
    [InlineData("OUI", true)]
    [InlineData("non", false)]
    [InlineData(" Oui ", true)]
    public void Yes_no_columns_parse_in_french(string value, bool expected)
    {
        Assert.True(FrenchYesNo.TryParse(value, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Yes_no_rejects_other_words() => Assert.False(FrenchYesNo.TryParse("peut-être", out _));
}
