using Medimail.Directory.Search;

namespace Medimail.Directory.UnitTests;

public sealed class SortHeadTests
{
    [Theory]
    [InlineData("mar", "mara")]
    [InlineData("martin", "martinez")]
    [InlineData("de la tour", "dela")]
    [InlineData("abcdefgh1", "abcdefgh2")]
    [InlineData("z", "zz")]
    public void Heads_order_as_the_strings_or_defer_to_them(string lower, string higher)
    {
        var quick = SortHead.Of(lower).QuickCompare(SortHead.Of(higher));

        Assert.True(quick == 0 || Math.Sign(quick) == Math.Sign(string.CompareOrdinal(lower, higher)), $"{lower} vs {higher}: {quick}");
        Assert.True(SortHead.Of(higher).QuickCompare(SortHead.Of(lower)) == -quick);
    }

    [Fact]
    public void Keys_equal_in_their_first_eight_characters_or_not_ascii_are_left_to_a_full_comparison()
    {
        Assert.Equal(0, SortHead.Of("abcdefgh1").QuickCompare(SortHead.Of("abcdefgh2")));
        Assert.Equal(0, SortHead.Of("αβγ").QuickCompare(SortHead.Of("abc")));
    }

    [Theory]
    [InlineData("martinez", "mart", true)]
    [InlineData("martinez", "martinez", true)]
    [InlineData("mar", "mart", false)]
    [InlineData("dupont", "mart", false)]
    public void Short_prefixes_are_decided_from_the_head(string key, string prefix, bool startsWith) =>
        Assert.Equal(startsWith, SortHead.Of(key).StartsWith(SortHead.Of(prefix)));

    [Fact]
    public void Long_or_non_ascii_prefixes_are_left_to_the_strings()
    {
        Assert.Null(SortHead.Of("martinezzz").StartsWith(SortHead.Of("martinezz")));
        Assert.Null(SortHead.Of("élodie").StartsWith(SortHead.Of("él")));
        Assert.Equal(true, SortHead.Of("martin").SameAs(SortHead.Of("martin")));
        Assert.Equal(false, SortHead.Of("martin").SameAs(SortHead.Of("martine")));
    }
}
