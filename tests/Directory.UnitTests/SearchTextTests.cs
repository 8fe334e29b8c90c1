namespace Medimail.Directory.UnitTests;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Jean-François", "jean francois")]
    [InlineData("LEFÈVRE", "lefevre")]
    [InlineData("Œdipe Lætitia", "oedipe laetitia")]
    [InlineData("d'Artagnan", "d artagnan")]
    [InlineData("  Saint--Étienne  ", "saint etienne")]
    [InlineData("Müller Ørsted", "muller orsted")]
    [InlineData("ﬁlippi", "filippi")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Key_folds_case_accents_ligatures_and_separators(string? text, string expected) =>
        Assert.Equal(expected, SearchText.Key(text));

    [Fact]
    public void Search_words_hold_every_name_word_between_spaces_and_glued_compounds()
    {
        Assert.Equal(" martin dupont martindupont jean francois jeanfrancois ", SearchText.SearchWords("MARTIN-DUPONT", "Jean-François"));
    }

    [Fact]
    public void Search_words_of_single_word_names_add_no_compound()
    {
        Assert.Equal(" martin paul ", SearchText.SearchWords("MARTIN", "Paul"));
    }

    [Fact]
    public void Search_words_of_empty_names_are_a_single_space()
    {
        Assert.Equal(" ", SearchText.SearchWords("", null));
    }

    [Fact]
    public void A_word_prefix_matches_the_start_of_a_word_but_not_its_middle()
    {
        // The SQL LIKE '% term%' on search_words, in C#.
        static bool Matches(string lastName, string term) => SearchText.SearchWords(lastName, "x").Contains(" " + term);

        Assert.True(Matches("MARTIN", "mart"));
        Assert.False(Matches("LAMARTINE", "mart"));
        Assert.True(Matches("DE LA MARTINIÈRE", "martin"));
    }
}
