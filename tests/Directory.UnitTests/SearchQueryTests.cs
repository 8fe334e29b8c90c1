using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.UnitTests;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_query_lists_everything(string? raw) => Assert.IsType<SearchQuery.All>(SearchQuery.Parse(raw));

    [Fact]
    public void A_query_with_an_at_sign_is_an_exact_lower_cased_address() =>
        Assert.Equal(new SearchQuery.Address("jean.dupont@ch-test.fr"), SearchQuery.Parse(" Jean.Dupont@CH-Test.fr "));

    [Theory]
    [InlineData("10003456789")]
    [InlineData("123456789")]
    public void A_query_of_digits_is_an_exact_national_number(string raw) =>
        Assert.Equal(new SearchQuery.Identifier(raw), SearchQuery.Parse(raw));

    [Fact]
    public void Other_queries_are_folded_name_terms_without_repeats()
    {
        var query = Assert.IsType<SearchQuery.Name>(SearchQuery.Parse("Jean-François JEAN"));
        Assert.Equal(["jean", "francois"], query.Terms);
        Assert.Equal("jean francois", query.Key);
    }

    [Theory]
    [InlineData("-- ' --")]
    [InlineData("a b c d e f g h i")]
    public void A_query_without_letters_or_with_too_many_words_names_the_query_field(string raw)
    {
        var ex = Assert.Throws<ValidationFailedException>(() => SearchQuery.Parse(raw));
        Assert.Equal("query", Assert.Single(ex.Violations).Field);
    }

    [Fact]
    public void A_query_longer_than_200_characters_is_refused() =>
        Assert.Throws<ValidationFailedException>(() => SearchQuery.Parse(new string('a', 201)));

    [Fact]
    public void Canonical_forms_differ_between_name_queries()
    {
        Assert.NotEqual(SearchQuery.Parse("martin").Canonical, SearchQuery.Parse("dupont").Canonical);
        Assert.Equal(SearchQuery.Parse("MARTIN").Canonical, SearchQuery.Parse("martin").Canonical);
    }
}
