using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class DirectoryRulesTests
{
    [Fact]
    public void Address_already_used_in_another_case_is_rejected_on_email()
    {
        var directory = Drafts.Directory().With("Jean.Dupont@CHU-Toulouse.fr", AccountType.Med);
        Expect.ErrorOn(Drafts.Rules.Validate(Drafts.Per, directory), AccountFields.Email);
    }

    [Fact]
    public void Address_typed_in_upper_case_is_found_as_a_duplicate() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Email = Drafts.ExistingPerson.ToUpperInvariant() }), AccountFields.Email);

    [Fact]
    public void On_update_the_account_is_not_a_duplicate_of_itself()
    {
        var directory = Drafts.Directory().With(Drafts.Per.Email!, AccountType.Per);
        Expect.Valid(Drafts.Rules.Validate(Drafts.Per with { FirstName = "Jean-Marc" }, directory, before: Drafts.Per));
    }

    [Fact]
    public void On_update_the_address_cannot_change() =>
        Expect.ErrorOn(Drafts.Rules.Validate(Drafts.Per with { Email = "autre@chu-toulouse.fr" }, before: Drafts.Per), AccountFields.Email);

    [Fact]
    public void On_update_the_type_cannot_change() =>
        Expect.ErrorOn(Drafts.Rules.Validate(Drafts.Per with { Type = "MED", Rpps = null }, before: Drafts.Per), AccountFields.Type);

    [Fact]
    public void On_update_an_unchanged_expiry_date_since_passed_is_not_an_error()
    {
        var stored = Drafts.Per with { ExpiresOn = "2026-01-01" };
        Expect.Valid(Drafts.Rules.Validate(stored with { FirstName = "Jean-Marc" }, before: stored));
    }

    [Fact]
    public void Addresses_to_look_up_cover_the_box_its_connection_accounts_and_return_address()
    {
        var addresses = DirectoryLookups.AddressesOf(Drafts.App with { ConnectionAccounts = ["A@x.fr;b@x.fr"] });
        Assert.Equal(
            new[] { "a@x.fr", "b@x.fr", Drafts.App.Email!, Drafts.ExistingOrg }.Order(),
            addresses.Order());
    }
}
