using Medimail.Contracts;
using Medimail.Directory.V1;

namespace Medimail.Directory.IntegrationTests;

[Collection(DirectoryCollection.Name)]
public sealed class SearchTests(DirectoryPlatform platform)
{
    private static SearchRequest Regional(string query) => new() { Directory = "regional", Query = query };

    private async Task<AccountSnapshot> CreateAndWaitAsync(AccountSnapshot account)
    {
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountCreated(account, "tests")));
        return account;
    }

    private async Task<IReadOnlyList<string>> EmailsFoundAsync(string query) =>
        (await platform.SearchAsync(Regional(query))).Entries.Select(e => e.Email).ToList();

    [Fact]
    public async Task Name_search_ignores_case_accents_and_hyphens()
    {
        var tag = Accounts.Tag();
        var account = await CreateAndWaitAsync(Accounts.Person($"LEFÈVRE-{tag.ToUpperInvariant()}", "Jean-François"));

        foreach (var query in new[] { $"jean-francois {tag}", $"JEAN FRANÇOIS {tag}", $"lefevre {tag}", $"Lefèv {tag}",
                     $"jeanfr {tag}", $"fran {tag.ToUpperInvariant()}" })
            Assert.Equal([account.Email], await EmailsFoundAsync(query));
        Assert.Empty(await EmailsFoundAsync($"francoise {tag}"));
    }

    [Fact]
    public async Task Name_search_matches_the_start_of_a_word_not_its_middle()
    {
        var tag = Accounts.Tag();
        var martin = await CreateAndWaitAsync(Accounts.Person("MARTIN", tag));
        await CreateAndWaitAsync(Accounts.Person("LAMARTINE", tag));

        Assert.Equal([martin.Email], await EmailsFoundAsync($"mart {tag}"));
        Assert.Empty(await EmailsFoundAsync($"artin {tag}"));
    }

    [Fact]
    public async Task Rpps_adeli_and_address_match_exactly()
    {
        var account = await CreateAndWaitAsync(Accounts.Person("NUMERO", Accounts.Tag()) with { Adeli = Accounts.Digits(9) });

        Assert.Equal([account.Email], await EmailsFoundAsync(account.Rpps!));
        Assert.Equal([account.Email], await EmailsFoundAsync(account.Adeli!));
        Assert.Equal([account.Email], await EmailsFoundAsync(account.Email.ToUpperInvariant()));
        Assert.Empty(await EmailsFoundAsync(account.Rpps![..10]));
        Assert.Empty(await EmailsFoundAsync(account.Email[1..]));
    }

    [Fact]
    public async Task Filters_narrow_a_search_by_city_postcode_department_and_profession()
    {
        var tag = Accounts.Tag();
        var stEtienne = Accounts.Person("FILTRE", tag) with
        {
            Address = new AddressSnapshot { PostalCode = "42000", City = "SAINT-ÉTIENNE", DepartmentCode = "42", RegionCode = "84" },
            Profession = "21",
        };
        var lyon = Accounts.Person("FILTRE", tag) with
        {
            Address = new AddressSnapshot { PostalCode = "69001", City = "LYON", DepartmentCode = "69", RegionCode = "84" },
            Profession = "10",
        };
        await CreateAndWaitAsync(stEtienne);
        await CreateAndWaitAsync(lyon);

        async Task<string> Only(SearchRequest request) =>
            Assert.Single((await platform.SearchAsync(request)).Entries).Email;
        Assert.Equal(stEtienne.Email, await Only(new SearchRequest { Directory = "regional", Query = tag, City = "saint etienne" }));
        Assert.Equal(lyon.Email, await Only(new SearchRequest { Directory = "regional", Query = tag, PostalCode = "69001" }));
        Assert.Equal(stEtienne.Email, await Only(new SearchRequest { Directory = "regional", Query = tag, DepartmentCode = "42" }));
        Assert.Equal(lyon.Email, await Only(new SearchRequest { Directory = "national", Query = tag, Profession = "10" }));
    }

    [Fact]
    public async Task Entry_carries_the_directory_fields()
    {
        var account = await CreateAndWaitAsync(Accounts.Person("DUPONT", "Élise") with
        {
            Description = "Cardiologue",
            MssanteAddress = "Elise.Dupont@ch-test.mssante.fr",
            Specialty = "SM04",
            IndependentPractice = true,
            ExerciseTitle = "DR",
        });

        var entry = await platform.Directory.GetEntryAsync(new GetEntryRequest { Directory = "national", Email = account.Email });

        Assert.Equal(("PER", "DUPONT", "Élise", account.Rpps), (entry.Type, entry.LastName, entry.FirstName, entry.Rpps));
        Assert.Equal(("31000", "TOULOUSE", "31", "76"), (entry.Address.PostalCode, entry.Address.City, entry.Address.DepartmentCode, entry.Address.RegionCode));
        Assert.Equal(("10", "SM04", true, "DR"), (entry.Profession, entry.Specialty, entry.IndependentPractice, entry.ExerciseTitle));
        Assert.Equal(("Cardiologue", "elise.dupont@ch-test.mssante.fr", "0561000000"), (entry.Description, entry.MssanteAddress, entry.Phone));
    }
}
