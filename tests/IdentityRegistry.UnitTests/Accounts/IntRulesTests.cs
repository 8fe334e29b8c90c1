using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class IntRulesTests
{
    [Fact]
    public void Int_without_structure_identifier_is_rejected_on_structure_identifier()
    {
        var result = Drafts.Validate(Drafts.Int with { StructureIdentifierType = null, StructureIdentifier = null });
        Expect.ErrorOn(result, AccountFields.StructureIdentifier);
        Expect.ErrorOn(result, AccountFields.StructureIdentifierType);
    }

    [Fact]
    public void Int_identifier_not_matching_its_type_is_rejected_on_structure_identifier() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { StructureIdentifierType = "SIRET" }), AccountFields.StructureIdentifier);

    [Fact]
    public void Int_siret_with_a_bad_luhn_key_is_rejected_on_structure_identifier() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { StructureIdentifierType = "SIRET", StructureIdentifier = "73282932000075" }),
            AccountFields.StructureIdentifier);

    [Fact]
    public void Int_la_poste_siret_is_accepted() =>
        Expect.Valid(Drafts.Validate(Drafts.Int with { StructureIdentifierType = "SIRET", StructureIdentifier = "35600000049837" }));

    [Fact]
    public void Int_corsican_finess_2a_is_accepted() =>
        Expect.Valid(Drafts.Validate(Drafts.Int with { StructureIdentifier = "2a0000013" }));

    [Fact]
    public void Int_unknown_identifier_type_is_rejected_on_structure_identifier_type() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { StructureIdentifierType = "NAF" }), AccountFields.StructureIdentifierType);

    [Fact]
    public void Int_physician_without_exercise_title_is_rejected_on_exercise_title() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { ExerciseTitle = null }), AccountFields.ExerciseTitle);

    [Fact]
    public void Int_nurse_needs_no_exercise_title() =>
        Expect.Valid(Drafts.Validate(Drafts.Int with { Profession = "60", ExerciseTitle = null }));

    [Fact]
    public void Int_unknown_exercise_title_is_rejected_on_exercise_title() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { ExerciseTitle = "XX" }), AccountFields.ExerciseTitle);

    [Fact]
    public void Int_social_care_profession_without_diploma_is_rejected_on_diploma() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { Profession = "41", ExerciseTitle = null }), AccountFields.Diploma);

    [Fact]
    public void Int_social_care_profession_with_diploma_passes() =>
        Expect.Valid(Drafts.Validate(Drafts.Int with { Profession = "41", ExerciseTitle = null, Diploma = "DEASS" }));

    [Fact]
    public void Int_with_an_rpps_is_rejected_on_rpps() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { Rpps = Drafts.Rpps }), AccountFields.Rpps);

    [Fact]
    public void Int_without_independent_practice_is_rejected_on_independent_practice() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Int with { IndependentPractice = null }), AccountFields.IndependentPractice);
}
