using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>The docs/domain.md account rules as a connector meets them: INVALID_ARGUMENT with the JSON path of the faulty field.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountValidationTests(IdentityFixture platform)
{
    [Fact]
    public async Task Per_without_rpps_and_adeli_is_rejected_on_rpps()
    {
        var account = Testing.Accounts.Per();
        account.Rpps = "";
        await AssertRejectedAsync(account, "account.rpps");
    }

    [Fact]
    public async Task Rpps_with_a_space_is_rejected_on_rpps()
    {
        var account = Testing.Accounts.Per();
        account.Rpps = "1012345 6781";
        await AssertRejectedAsync(account, "account.rpps");
    }

    [Fact]
    public async Task Org_without_connection_account_is_rejected_on_connection_accounts()
    {
        var account = Testing.Accounts.Org(platform.Person.Email);
        account.ConnectionAccounts.Clear();
        await AssertRejectedAsync(account, "account.connectionAccounts");
    }

    [Fact]
    public async Task Org_whose_connection_account_is_itself_an_org_is_rejected_on_that_entry()
    {
        var existingOrg = await platform.CreateAsync(Testing.Accounts.Org(platform.Person.Email));
        await AssertRejectedAsync(Testing.Accounts.Org(existingOrg.Email), "account.connectionAccounts[0]");
    }

    [Fact]
    public async Task App_without_return_address_is_rejected_on_return_address()
    {
        var account = Testing.Accounts.App(platform.Person.Email, platform.Person.Email);
        account.ReturnAddress = "";
        await AssertRejectedAsync(account, "account.returnAddress");
    }

    [Fact]
    public async Task Med_with_an_mssante_particle_is_rejected_on_the_particle()
    {
        var account = Testing.Accounts.Med();
        account.MssanteParticle = "sophie.bernard";
        await AssertRejectedAsync(account, "account.mssanteParticle");
    }

    [Fact]
    public async Task Int_without_structure_identifier_is_rejected_on_structure_identifier()
    {
        var account = Testing.Accounts.Int();
        account.StructureIdentifier = "";
        await AssertRejectedAsync(account, "account.structureIdentifier");
    }

    [Fact]
    public async Task Siret_with_a_bad_luhn_key_is_rejected_on_structure_identifier()
    {
        var account = Testing.Accounts.Int();
        account.StructureIdentifierType = Structure.Types.IdentifierType.Siret;
        account.StructureIdentifier = "73282932000075";
        await AssertRejectedAsync(account, "account.structureIdentifier");
    }

    [Fact]
    public async Task Structure_with_a_bad_siret_luhn_key_is_rejected_on_identifier()
    {
        var request = Testing.Accounts.NewStructure();
        request.Identifier = request.Identifier[..13] + (char)('0' + (request.Identifier[13] - '0' + 1) % 10);
        var ex = await Assert.ThrowsAsync<RpcException>(() => platform.Structures.CreateStructureAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("identifier", RpcErrors.FieldsOf(ex));
    }

    [Fact]
    public async Task An_address_already_taken_in_another_case_is_rejected_on_email()
    {
        var upper = platform.Person.Email.ToUpperInvariant();
        await AssertRejectedAsync(Testing.Accounts.Per(upper), "account.email");
    }

    [Fact]
    public async Task Several_faulty_fields_are_all_reported_at_once()
    {
        var account = Testing.Accounts.Per();
        account.Rpps = "123";
        account.Address.PostalCode = "3100";
        var ex = await Assert.ThrowsAsync<RpcException>(() => platform.CreateAsync(account));
        Assert.Contains("account.rpps", RpcErrors.FieldsOf(ex));
        Assert.Contains("account.address.postalCode", RpcErrors.FieldsOf(ex));
    }

    [Fact]
    public async Task A_rejected_account_is_not_created()
    {
        var account = Testing.Accounts.Per();
        account.Rpps = "";
        await Assert.ThrowsAsync<RpcException>(() => platform.CreateAsync(account));
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            platform.Accounts.GetAccountAsync(new GetAccountRequest { Email = account.Email }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    private async Task AssertRejectedAsync(Account account, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => platform.CreateAsync(account));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(field, RpcErrors.FieldsOf(ex));
    }
}
