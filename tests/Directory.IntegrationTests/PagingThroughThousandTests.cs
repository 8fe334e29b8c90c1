using Medimail.Contracts;
using Medimail.Directory.V1;

namespace Medimail.Directory.IntegrationTests;

[Collection(DirectoryCollection.Name)]
public sealed class PagingThroughThousandTests(DirectoryPlatform platform)
{
    [Fact]
    public async Task Paging_through_a_thousand_results_returns_every_entry_once_in_relevance_then_name_order()
    {
        var tag = Accounts.Tag();
        var upper = tag.ToUpperInvariant();
        // All three ranks, and 250 people with the very same names, so pages end inside runs of equal names and only
        // the address breaks the tie.
        var accounts = Enumerable.Range(0, 1000).Select(i => (i % 4) switch
        {
            0 => Accounts.Person(upper, "Jean"),
            1 => Accounts.Person($"{upper}{(char)('A' + i % 26)}", $"Prenom {i:D4}"),
            2 => Accounts.Person("DUPONT", $"{tag} {i:D4}"),
            _ => Accounts.Person($"NOM{i:D4}", tag),
        }).ToList();
        foreach (var batch in accounts.OrderBy(_ => Guid.NewGuid()).Chunk(250))
            await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests", batch, "tests")));

        var seen = new List<Entry>();
        var request = new SearchRequest { Directory = "regional", Query = tag, PageSize = 37 };
        var pages = 0;
        do
        {
            var page = await platform.SearchAsync(request);
            Assert.Equal(accounts.Count, page.TotalSize);
            seen.AddRange(page.Entries);
            request.PageToken = page.NextPageToken;
            pages++;
        } while (request.PageToken != "" && pages < 100);

        Assert.Equal(28, pages);
        Assert.Equal(accounts.Select(a => a.Email).Order(StringComparer.Ordinal), seen.Select(e => e.Email).Order(StringComparer.Ordinal));
        var keys = seen.Select(e => (Rank: Rank(e, tag), Last: e.LastName.ToLowerInvariant(), First: e.FirstName.ToLowerInvariant(), e.Email)).ToList();
        for (var i = 1; i < keys.Count; i++)
            Assert.True(Compare(keys[i - 1], keys[i]) < 0, $"entry {i} ({keys[i]}) is not after entry {i - 1} ({keys[i - 1]})");
    }

    private static int Rank(Entry entry, string tag) =>
        entry.LastName.Equals(tag, StringComparison.OrdinalIgnoreCase) ? 0
        : entry.LastName.StartsWith(tag, StringComparison.OrdinalIgnoreCase) ? 1 : 2;

    private static int Compare((int Rank, string Last, string First, string Email) a, (int Rank, string Last, string First, string Email) b)
    {
        var byRank = a.Rank.CompareTo(b.Rank);
        if (byRank != 0) return byRank;
        var byLast = string.CompareOrdinal(a.Last, b.Last);
        if (byLast != 0) return byLast;
        var byFirst = string.CompareOrdinal(a.First, b.First);
        return byFirst != 0 ? byFirst : string.CompareOrdinal(a.Email, b.Email);
    }
}
