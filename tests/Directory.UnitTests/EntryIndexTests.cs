using Medimail.Contracts;
using Medimail.Directory.Search;

namespace Medimail.Directory.UnitTests;

public sealed class EntryIndexTests
{
    private static long version;

    private static DirectoryEntry Person(string email, string lastName, string firstName, string department = "69",
        string? rpps = null, string state = "ACTIVE", string type = "PER", bool unlistedRegional = false) =>
        DirectoryEntry.Create(new AccountSnapshot
        {
            Email = email, Type = type, State = state, StructureId = "s1", Version = Interlocked.Increment(ref version),
            LastName = lastName, FirstName = firstName, Rpps = rpps, Profession = "10", UnlistedRegional = unlistedRegional,
            Address = new AddressSnapshot { DepartmentCode = department, PostalCode = department + "000", City = "Lyon" },
        });

    private static EntryIndex IndexOf(params DirectoryEntry[] entries)
    {
        var index = new EntryIndex();
        index.Apply(entries);
        return index;
    }

    private static SearchPage Search(EntryIndex index, string? query, string directory = "regional", string? department = null,
        string? type = null, int pageSize = 0, string? pageToken = null) =>
        index.Search(SearchCriteria.Create(directory, query, null, department, null, null, type, pageSize, pageToken));

    private static List<string> Emails(SearchPage page) => page.Entries.Select(e => e.Email).ToList();

    [Fact]
    public void A_query_word_matches_the_start_of_any_name_word_accents_and_case_folded()
    {
        var index = IndexOf(
            Person("a@x.fr", "LEFÈVRE", "Jean-François"),
            Person("b@x.fr", "LAMARTINE", "Alphonse"),
            Person("c@x.fr", "DE LA MARTINIÈRE", "Luc"));

        Assert.Equal(["a@x.fr"], Emails(Search(index, "FRANÇ")));
        Assert.Equal(["a@x.fr"], Emails(Search(index, "jeanfrancois")));
        Assert.Equal(["c@x.fr"], Emails(Search(index, "mart")));
        Assert.Equal(["a@x.fr"], Emails(Search(index, "françois jean")));
        Assert.Empty(Emails(Search(index, "jean luc")));
    }

    [Fact]
    public void Results_rank_the_exact_last_name_then_last_names_starting_with_it_then_other_words()
    {
        var index = IndexOf(
            Person("first@x.fr", "DUPONT", "Martin"),
            Person("prefix@x.fr", "MARTINEZ", "Ana"),
            Person("exact-b@x.fr", "MARTIN", "Zoé"),
            Person("exact-a@x.fr", "MARTIN", "Alain"));

        var page = Search(index, "martin");

        Assert.Equal(["exact-a@x.fr", "exact-b@x.fr", "prefix@x.fr", "first@x.fr"], Emails(page));
        Assert.Equal(4, page.TotalSize);
    }

    [Fact]
    public void An_entry_reached_through_two_words_of_one_prefix_is_listed_once()
    {
        var index = IndexOf(Person("a@x.fr", "MARTIN", "Martine"));

        var page = Search(index, "mar");

        Assert.Equal(["a@x.fr"], Emails(page));
        Assert.Equal(1, page.TotalSize);
    }

    [Fact]
    public void Exact_numbers_and_addresses_match_whole_values_only()
    {
        var index = IndexOf(Person("a@x.fr", "MARTIN", "Alain", rpps: "10001234567"), Person("b@x.fr", "DUPONT", "Luc"));

        Assert.Equal(["a@x.fr"], Emails(Search(index, "10001234567")));
        Assert.Empty(Emails(Search(index, "1000123")));
        Assert.Equal(["b@x.fr"], Emails(Search(index, "B@X.FR")));
    }

    [Fact]
    public void Only_entries_listed_in_the_directory_and_passing_every_filter_are_found()
    {
        var index = IndexOf(
            Person("listed@x.fr", "MARTIN", "A"),
            Person("pre@x.fr", "MARTIN", "B", state: "PRE_REGISTERED"),
            Person("red@x.fr", "MARTIN", "C", unlistedRegional: true),
            Person("med@x.fr", "MARTIN", "D", type: "MED"),
            Person("other-dept@x.fr", "MARTIN", "E", department: "75"));

        Assert.Equal(["listed@x.fr", "med@x.fr", "other-dept@x.fr"], Emails(Search(index, "martin")));
        Assert.Equal(["listed@x.fr", "red@x.fr", "other-dept@x.fr"], Emails(Search(index, "martin", "national")));
        Assert.Equal(["other-dept@x.fr"], Emails(Search(index, null, department: "75")));
        Assert.Equal(["med@x.fr"], Emails(Search(index, "mar", type: "MED")));
    }

    [Fact]
    public void A_changed_row_replaces_the_old_one_and_its_old_words_no_longer_match()
    {
        var index = IndexOf(Person("a@x.fr", "MARTIN", "Alain"));

        index.Apply([Person("a@x.fr", "DURAND", "Alain")]);

        Assert.Empty(Emails(Search(index, "martin")));
        Assert.Equal(["a@x.fr"], Emails(Search(index, "durand")));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Paging_returns_every_match_once_in_order_with_the_total_on_each_page()
    {
        var entries = Enumerable.Range(0, 230)
            .Select(i => Person($"p{i:D3}@x.fr", i % 3 == 0 ? "BERNARD" : $"BERNARD{(char)('A' + i % 7)}", $"Prenom {i % 11}"))
            .Append(Person("first@x.fr", "ZOLA", "Bernard"))
            .ToArray();
        var index = IndexOf(entries);

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = Search(index, "bern", pageSize: 17, pageToken: token);
            Assert.Equal(entries.Length, page.TotalSize);
            seen.AddRange(Emails(page));
            token = page.NextPageToken;
        } while (token != "");

        var expected = entries
            .Select(e => (Rank: e.LastNameKey == "bern" ? 0 : e.LastNameKey.StartsWith("bern", StringComparison.Ordinal) ? 1 : 2, Entry: e))
            .OrderBy(r => r.Rank).ThenBy(r => r.Entry.LastNameKey, StringComparer.Ordinal)
            .ThenBy(r => r.Entry.FirstNameKey, StringComparer.Ordinal).ThenBy(r => r.Entry.Email, StringComparer.Ordinal)
            .Select(r => r.Entry.Email);
        Assert.Equal(expected, seen);
    }
}
