using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Medimail.Directory.V1;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.IntegrationTests;

/// <summary>
/// The service answers searches from its in-memory index; the SQL search (EntrySearch, what the index replaced and
/// still answers while the index loads) is the reference. Both must give the same entries, order, totals and tokens.
/// </summary>
[Collection(DirectoryCollection.Name)]
public sealed class IndexParityTests(DirectoryPlatform platform)
{
    [Fact]
    public async Task The_in_memory_index_answers_exactly_as_the_SQL_search()
    {
        var tag = Accounts.Tag();
        var upper = tag.ToUpperInvariant();
        var accounts = Enumerable.Range(0, 120).Select(i => (i % 6) switch
        {
            0 => Accounts.Person(upper, "Jean-François"),
            1 => Accounts.Person($"{upper}{(char)('a' + i % 5)} DE LA TOUR", "Élodie"),
            2 => Accounts.Person("DUPONT", $"{upper} Marie"),
            3 => Accounts.Active("ORG", $"Service {upper}", "") with { UnlistedNational = true },
            4 => Accounts.Active("MED", upper, $"Médecin {i}") with { Address = new AddressSnapshot { DepartmentCode = "2A", PostalCode = "20000", City = "AJACCIO" } },
            _ => Accounts.Person(upper, $"Luc {i}") with { State = i % 4 == 1 ? "PRE_REGISTERED" : "ACTIVE", UnlistedRegional = i % 4 == 3 },
        }).ToList();
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("parity", accounts, "tests")));
        var rpps = accounts.First(a => a.Rpps is not null && a.State == "ACTIVE").Rpps!;

        SearchRequest[] searches =
        [
            new() { Directory = "regional", Query = tag },
            new() { Directory = "national", Query = tag },
            new() { Directory = "regional", Query = tag[..4] + " " + "jean" },
            new() { Directory = "regional", Query = $"{tag} fran" },
            new() { Directory = "regional", Query = tag, Type = "MED" },
            new() { Directory = "national", Query = tag, Type = "PER" },
            new() { Directory = "regional", Query = tag, DepartmentCode = "2a", PageSize = 7 },
            new() { Directory = "regional", Query = tag, PostalCode = "31000", City = "toulouse", Profession = "10" },
            new() { Directory = "regional", DepartmentCode = "2A", PageSize = 500 },
            new() { Directory = "regional", Query = rpps },
            new() { Directory = "regional", Query = accounts[0].Email.ToUpperInvariant() },
            new() { Directory = "regional", Query = "dup", PageSize = 13 },
        ];

        await using var db = new DirectoryDbContext(new DbContextOptionsBuilder<DirectoryDbContext>()
            .UseNpgsql(DirectoryPlatform.DatabaseConnection).UseSnakeCaseNamingConvention().Options);
        var sql = new EntrySearch(db);
        foreach (var search in searches)
        {
            var request = search.Clone();
            for (var page = 0; page < 4; page++)
            {
                var fromService = await platform.SearchAsync(request);
                var fromSql = await sql.SearchAsync(SearchCriteria.Create(request.Directory, request.Query, request.Profession,
                    request.DepartmentCode, request.PostalCode, request.City, request.Type, request.PageSize, request.PageToken), default);

                var what = $"{request} (page {page + 1})";
                Assert.True(fromSql.Entries.Select(e => e.Email).SequenceEqual(fromService.Entries.Select(e => e.Email)), what);
                Assert.True(fromSql.TotalSize == fromService.TotalSize, $"{what}: total {fromService.TotalSize}, SQL {fromSql.TotalSize}");
                Assert.True(fromSql.NextPageToken == fromService.NextPageToken, $"{what}: next page token");
                if (fromService.NextPageToken == "") break;
                request.PageToken = fromService.NextPageToken;
            }
        }
        Assert.NotEmpty((await platform.SearchAsync(searches[0])).Entries);
    }
}
