using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class ValidAccountTests
{
    public static TheoryData<string> AllTypes => ["PER", "INT", "ORG", "MED", "APP"];

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void A_complete_account_of_each_type_passes_with_no_error(string type)
    {
        var draft = type switch
        {
            "PER" => Drafts.Per,
            "INT" => Drafts.Int,
            "ORG" => Drafts.Org,
            "MED" => Drafts.Med,
            _ => Drafts.App,
        };
        var result = Drafts.Validate(draft);
        Expect.Valid(result);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Without_a_directory_the_database_rules_are_skipped() =>
        Expect.Valid(Drafts.Rules.Validate(Drafts.Org with { ConnectionAccounts = ["inconnu@chu-toulouse.fr"] }));

    [Fact]
    public void Field_paths_are_prefixed_for_the_grpc_layer()
    {
        var result = Drafts.Validate(Drafts.Per with { Rpps = null }).WithPrefix("account.");
        Expect.ErrorOn(result, "account.rpps");
    }

    [Fact]
    public void Missing_type_is_rejected_on_type() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Type = null }), AccountFields.Type);

    [Fact]
    public void Unknown_type_is_rejected_on_type() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Type = "XYZ" }), AccountFields.Type);

    [Fact]
    public void Lower_case_type_is_accepted() => Expect.Valid(Drafts.Validate(Drafts.Per with { Type = "per" }));
}
