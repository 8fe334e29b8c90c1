using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class AppRulesTests
{
    [Fact]
    public void App_without_return_address_is_rejected_on_return_address() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { ReturnAddress = null }), AccountFields.ReturnAddress);

    [Fact]
    public void App_return_address_equal_to_the_box_itself_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { ReturnAddress = Drafts.App.Email!.ToUpperInvariant() }), AccountFields.ReturnAddress);

    [Fact]
    public void App_return_address_that_is_not_an_existing_box_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { ReturnAddress = "inconnu@chu-toulouse.fr" }), AccountFields.ReturnAddress);

    [Fact]
    public void App_return_address_that_is_another_app_box_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { ReturnAddress = Drafts.ExistingApp }), AccountFields.ReturnAddress);

    [Fact]
    public void App_return_address_with_a_bad_syntax_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { ReturnAddress = "secretariat@" }), AccountFields.ReturnAddress);

    [Fact]
    public void App_return_address_may_be_a_nominative_box() =>
        Expect.Valid(Drafts.Validate(Drafts.App with { ReturnAddress = Drafts.ExistingPerson }));

    [Fact]
    public void App_without_connection_account_is_rejected_on_connection_accounts() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { ConnectionAccounts = [] }), AccountFields.ConnectionAccounts);

    [Fact]
    public void App_without_responsible_identifier_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { Responsible = Drafts.Responsible with { Identifier = null } }),
            AccountFields.ResponsibleIdentifier);

    [Fact]
    public void App_without_description_is_rejected_on_description() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { Description = null }), AccountFields.Description);

    [Fact]
    public void App_needs_no_profession_nor_independent_practice() =>
        Expect.Valid(Drafts.Validate(Drafts.App with { Profession = null, IndependentPractice = null }));

    [Fact]
    public void App_address_not_of_the_no_reply_kind_is_a_warning() =>
        Expect.WarningOn(Drafts.Validate(Drafts.App with { Email = "radiologie@chu-toulouse.fr" }), AccountFields.Email);

    [Fact]
    public void App_is_unlisted_in_both_directories_by_default()
    {
        var normalized = Drafts.Rules.Normalize(Drafts.App);
        Assert.True(normalized.UnlistedRegional);
        Assert.True(normalized.UnlistedNational);
    }

    [Fact]
    public void App_listing_chosen_explicitly_is_kept() =>
        Assert.False(Drafts.Rules.Normalize(Drafts.App with { UnlistedRegional = false }).UnlistedRegional);

    [Fact]
    public void Other_types_are_listed_by_default()
    {
        var normalized = Drafts.Rules.Normalize(Drafts.Per);
        Assert.False(normalized.UnlistedRegional);
        Assert.False(normalized.UnlistedNational);
    }

    [Fact]
    public void App_structure_identifier_is_optional_but_not_half_given() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.App with { StructureIdentifierType = "FINESS" }), AccountFields.StructureIdentifier);
}
