using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>The platform's one paging rule (docs/api.md, "Conventions", lists) on the accounts and structures lists, through the gateway.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountPagingTests(IdentityFixture platform)
{
    [Fact]
    public async Task Pages_of_a_search_follow_one_another_without_repeating_an_account()
    {
        for (var i = 0; i < 3; i++)
            await platform.CreateAsync(Testing.Accounts.Per());
        var filter = new SearchAccountsRequest { StructureId = platform.Structure.Id, PageSize = 2 };

        var first = await platform.Accounts.SearchAccountsAsync(filter);
        var second = await platform.Accounts.SearchAccountsAsync(new SearchAccountsRequest(filter) { PageToken = first.NextPageToken });

        Assert.Equal(2, first.Accounts.Count);
        Assert.NotEmpty(second.Accounts);
        Assert.Empty(first.Accounts.Select(a => a.Email).Intersect(second.Accounts.Select(a => a.Email)));
    }

    [Fact]
    public async Task A_page_size_above_500_is_refused_on_page_size()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await platform.Accounts.SearchAccountsAsync(new SearchAccountsRequest { StructureId = platform.Structure.Id, PageSize = 501 }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["pageSize"], RpcErrors.FieldsOf(ex));
    }

    [Fact]
    public async Task An_edited_page_token_is_refused_on_page_token()
    {
        await platform.CreateAsync(Testing.Accounts.Per());
        var first = await platform.Accounts.SearchAccountsAsync(new SearchAccountsRequest { StructureId = platform.Structure.Id, PageSize = 1 });
        var token = first.NextPageToken;
        Assert.NotEmpty(token);
        var edited = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await platform.Accounts.SearchAccountsAsync(new SearchAccountsRequest { StructureId = platform.Structure.Id, PageSize = 1, PageToken = edited }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["pageToken"], RpcErrors.FieldsOf(ex));
    }

    [Fact]
    public async Task A_token_of_another_search_is_refused_on_page_token()
    {
        await platform.CreateAsync(Testing.Accounts.Per());
        var first = await platform.Accounts.SearchAccountsAsync(new SearchAccountsRequest { StructureId = platform.Structure.Id, PageSize = 1 });

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await platform.Accounts.SearchAccountsAsync(
            new SearchAccountsRequest { StructureId = platform.Structure.Id, Query = "martin", PageSize = 1, PageToken = first.NextPageToken }));

        Assert.Equal(["pageToken"], RpcErrors.FieldsOf(ex));
    }

    [Fact]
    public async Task A_garbage_structures_page_token_is_refused_on_page_token()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await platform.Structures.ListStructuresAsync(new ListStructuresRequest { PageToken = "MTA" })); // base64 of "10", the old format

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["pageToken"], RpcErrors.FieldsOf(ex));
    }
}
