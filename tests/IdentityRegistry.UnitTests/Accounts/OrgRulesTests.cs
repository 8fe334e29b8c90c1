using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class OrgRulesTests
{
    [Fact]
    public void Org_without_connection_account_is_rejected_on_connection_accounts() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { ConnectionAccounts = [] }), AccountFields.ConnectionAccounts);

    [Fact]
    public void Org_connection_account_that_is_itself_an_org_is_rejected_on_that_entry()
    {
        var result = Drafts.Validate(Drafts.Org with { ConnectionAccounts = [Drafts.ExistingPerson, Drafts.ExistingOrg] });
        var error = Expect.ErrorOn(result, AccountFields.ConnectionAccount(1));
        // The same text as for an unknown address: the type of what exists is not told (docs/hardening.md).
        Assert.Equal(Medimail.IdentityRegistry.Domain.Accounts.Rules.DirectoryRules.ConnectionAccountRefused, error.Message);
        Expect.NoErrorOn(result, AccountFields.ConnectionAccount(0));
    }

    [Fact]
    public void Org_connection_account_that_is_an_app_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { ConnectionAccounts = [Drafts.ExistingApp] }), AccountFields.ConnectionAccount(0));

    [Fact]
    public void Org_connection_account_that_does_not_exist_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { ConnectionAccounts = ["inconnu@chu-toulouse.fr"] }), AccountFields.ConnectionAccount(0));

    [Fact]
    public void Org_connection_account_with_a_bad_address_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { ConnectionAccounts = ["pas une adresse"] }), AccountFields.ConnectionAccount(0));

    [Fact]
    public void Org_cannot_be_its_own_connection_account() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { ConnectionAccounts = [Drafts.Org.Email!] }), AccountFields.ConnectionAccount(0));

    [Fact]
    public void Org_connection_accounts_in_one_semicolon_separated_entry_are_split()
    {
        var normalized = Drafts.Rules.Normalize(Drafts.Org with { ConnectionAccounts = [$" {Drafts.ExistingPerson.ToUpperInvariant()} ; autre@chu-toulouse.fr"] });
        Assert.Equal([Drafts.ExistingPerson, "autre@chu-toulouse.fr"], normalized.ConnectionAccounts);
    }

    [Fact]
    public void Org_without_responsible_is_rejected_on_each_responsible_field()
    {
        var result = Drafts.Validate(Drafts.Org with { Responsible = new ResponsibleDraft() });
        Expect.ErrorOn(result, AccountFields.ResponsibleLastName);
        Expect.ErrorOn(result, AccountFields.ResponsibleFirstName);
        Expect.ErrorOn(result, AccountFields.ResponsibleProfession);
        Expect.ErrorOn(result, AccountFields.ResponsibleIdentifier);
    }

    [Fact]
    public void Org_responsible_identifier_neither_rpps_nor_adeli_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { Responsible = Drafts.Responsible with { Identifier = "1234" } }),
            AccountFields.ResponsibleIdentifier);

    [Fact]
    public void Org_responsible_with_adeli_is_accepted_for_an_adeli_profession() =>
        Expect.Valid(Drafts.Validate(Drafts.Org with { Responsible = Drafts.Responsible with { Profession = "93", Identifier = "319876543" } }));

    [Fact]
    public void Org_responsible_physician_with_only_adeli_is_rejected_on_identifier() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { Responsible = Drafts.Responsible with { Identifier = "319876543" } }),
            AccountFields.ResponsibleIdentifier);

    [Fact]
    public void Org_responsible_without_national_register_is_rejected_on_profession() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { Responsible = Drafts.Responsible with { Profession = "MM-ADM" } }),
            AccountFields.ResponsibleProfession);

    [Fact]
    public void Org_responsible_rpps_failing_luhn_is_a_warning() =>
        Expect.WarningOn(Drafts.Validate(Drafts.Org with { Responsible = Drafts.Responsible with { Identifier = "10987654320" } }),
            AccountFields.ResponsibleIdentifier);

    [Fact]
    public void Org_without_description_is_rejected_on_description() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { Description = " " }), AccountFields.Description);

    [Fact]
    public void Org_without_structure_identifier_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { StructureIdentifier = null }), AccountFields.StructureIdentifier);

    [Fact]
    public void Org_with_an_rpps_is_rejected_on_rpps() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Org with { Rpps = Drafts.Rpps }), AccountFields.Rpps);

    [Fact]
    public void Org_named_after_its_responsible_gets_warnings_on_names_and_address()
    {
        var result = Drafts.Validate(Drafts.Org with { Email = "claire.martin@chu-toulouse.fr", LastName = "Martin", FirstName = "Claire" });
        Expect.Valid(result);
        Expect.WarningOn(result, AccountFields.LastName);
        Expect.WarningOn(result, AccountFields.FirstName);
        Expect.WarningOn(result, AccountFields.Email);
    }
}
