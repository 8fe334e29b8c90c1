using Grpc.Core;
using Medimail.Contracts;
using Medimail.Directory.V1;

namespace Medimail.Directory.IntegrationTests;

[Collection(DirectoryCollection.Name)]
public sealed class PagingTests(DirectoryPlatform platform)
{
    [Fact]
    public async Task Results_come_by_relevance_then_name_across_pages_without_duplicates_or_gaps()
    {
        var tag = Accounts.Tag();
        var upper = tag.ToUpperInvariant();
        // Rank 0: the last name is the query; 1: the last name starts with it; 2: another word matched.
        AccountSnapshot[] expected =
        [
            Accounts.Person(upper, "Alice"),
            Accounts.Person(upper, "Bob"),
            Accounts.Person(upper + "SON", "Carl"),
            Accounts.Person(upper + "SON", "Dan"),
            Accounts.Person("AUBERT", $"Eve {tag}"),
            Accounts.Person("DURAND", tag),
            Accounts.Person("ZOLA", tag),
        ];
        var shuffled = expected.OrderBy(_ => Guid.NewGuid()).ToList();
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests", shuffled, "tests")));

        var seen = new List<string>();
        var request = new SearchRequest { Directory = "regional", Query = tag, PageSize = 3 };
        var pages = 0;
        do
        {
            var page = await platform.SearchAsync(request);
            Assert.Equal(expected.Length, page.TotalSize);
            Assert.True(page.Entries.Count <= 3);
            seen.AddRange(page.Entries.Select(e => e.Email));
            request.PageToken = page.NextPageToken;
            pages++;
        } while (request.PageToken != "" && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(expected.Select(a => a.Email), seen);
    }

    [Fact]
    public async Task A_page_token_is_refused_on_another_search()
    {
        var tag = Accounts.Tag();
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests",
            [Accounts.Person(tag, "Un"), Accounts.Person(tag, "Deux")], "tests")));
        var first = await platform.SearchAsync(new SearchRequest { Directory = "regional", Query = tag, PageSize = 1 });
        Assert.NotEqual("", first.NextPageToken);

        var ex = await Assert.ThrowsAsync<RpcException>(() => platform.SearchAsync(
            new SearchRequest { Directory = "national", Query = tag, PageSize = 1, PageToken = first.NextPageToken }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("pageToken", Errors.ViolatedField(ex));
    }
}
