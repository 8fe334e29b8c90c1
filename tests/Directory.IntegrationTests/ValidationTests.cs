using Google.Rpc;
using Grpc.Core;
using Medimail.Directory.V1;

namespace Medimail.Directory.IntegrationTests;

public static class Errors
{
    /// <summary>The single field a google.rpc.BadRequest detail names.</summary>
    public static string ViolatedField(RpcException ex) =>
        Assert.Single(ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? []).Field;
}

[Collection(DirectoryCollection.Name)]
public sealed class ValidationTests(DirectoryPlatform platform)
{
    [Theory]
    [InlineData("annuaire", 0, "directory")]
    [InlineData("regional", 501, "pageSize")]
    [InlineData("national", -1, "pageSize")]
    public async Task Invalid_search_parameters_are_named_in_the_error(string directory, int pageSize, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            platform.SearchAsync(new SearchRequest { Directory = directory, PageSize = pageSize }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(field, Errors.ViolatedField(ex));
    }

    [Fact]
    public async Task A_page_size_of_500_is_accepted()
    {
        var page = await platform.SearchAsync(new SearchRequest { Directory = "regional", Query = Accounts.Tag(), PageSize = 500 });
        Assert.Empty(page.Entries);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await DirectoryPlatform.ClientWithoutToken().SearchAsync(new SearchRequest { Directory = "regional" }));
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }
}
