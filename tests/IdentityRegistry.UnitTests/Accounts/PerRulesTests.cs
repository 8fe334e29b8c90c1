using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class PerRulesTests
{
    [Fact]
    public void Per_without_rpps_or_adeli_is_rejected_on_rpps()
    {
        var error = Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Rpps = null, Adeli = null }), AccountFields.Rpps);
        Assert.Contains("ADELI", error.Message);
    }

    [Fact]
    public void Per_rpps_with_a_space_is_rejected_on_rpps()
    {
        var error = Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Rpps = "101 23456781" }), AccountFields.Rpps);
        Assert.Contains("RPPS", error.Message);
        Assert.Contains("espace", error.Message);
    }

    [Fact]
    public void Per_rpps_failing_luhn_gives_a_warning_not_an_error()
    {
        var result = Drafts.Validate(Drafts.Per with { Rpps = "10123456789" });
        Expect.Valid(result);
        Expect.WarningOn(result, AccountFields.Rpps);
    }

    [Fact]
    public void Per_of_an_rpps_profession_with_only_adeli_is_rejected_on_rpps() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Rpps = null, Adeli = "319876543" }), AccountFields.Rpps);

    [Fact]
    public void Per_of_an_adeli_profession_accepts_adeli_alone() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with { Rpps = null, Adeli = "319876543", Profession = "93", Specialty = null }));

    [Fact]
    public void Per_of_an_adeli_profession_accepts_rpps_alone_since_rpps_absorbs_adeli() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with { Profession = "96", Specialty = null }));

    [Fact]
    public void Per_adeli_of_eight_digits_is_rejected_on_adeli() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Adeli = "31987654" }), AccountFields.Adeli);

    [Fact]
    public void Per_with_a_profession_outside_rpps_and_adeli_is_rejected_on_profession() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Profession = "MM-SEC", Specialty = null }), AccountFields.Profession);

    [Fact]
    public void Per_with_an_exercise_title_is_rejected_because_the_guide_marks_it_nc() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { ExerciseTitle = "DR" }), AccountFields.ExerciseTitle);

    [Fact]
    public void Per_with_a_structure_identifier_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { StructureIdentifierType = "FINESS", StructureIdentifier = "310781406" }),
            AccountFields.StructureIdentifier);

    [Fact]
    public void Per_with_connection_accounts_is_rejected_on_connection_accounts() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { ConnectionAccounts = [Drafts.ExistingPerson] }), AccountFields.ConnectionAccounts);

    [Fact]
    public void Per_with_a_return_address_is_rejected_on_return_address() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { ReturnAddress = Drafts.ExistingOrg }), AccountFields.ReturnAddress);

    [Fact]
    public void Per_with_a_diploma_is_rejected_on_diploma() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Diploma = "DE infirmier" }), AccountFields.Diploma);

    [Fact]
    public void Per_with_a_responsible_is_rejected_on_each_responsible_field()
    {
        var result = Drafts.Validate(Drafts.Per with { Responsible = Drafts.Responsible });
        Expect.ErrorOn(result, AccountFields.ResponsibleLastName);
        Expect.ErrorOn(result, AccountFields.ResponsibleIdentifier);
    }

    [Fact]
    public void Per_with_a_description_is_rejected_on_description() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Description = "Cardiologue" }), AccountFields.Description);
}
