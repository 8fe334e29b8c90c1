using Medimail.IdentityRegistry.Imports;

namespace Medimail.IdentityRegistry.UnitTests.Imports;

public sealed class XlsxTextTests
{
    [Theory]
    [InlineData("Bâtiment B\r\n2e étage")]
    [InlineData("littéral _x0041_ et _x005F_")]
    [InlineData("sans rien de spécial")]
    public void A_value_comes_back_unchanged_from_its_ooxml_form(string value)
    {
        var stored = XlsxText.Escape(value);

        Assert.DoesNotContain('\r', stored);
        Assert.Equal(value, XlsxText.Unescape(stored));
    }

    [Fact]
    public void Excel_escapes_are_read_as_the_characters_they_stand_for() =>
        Assert.Equal("ligne 1\r\nligne 2_", XlsxText.Unescape("ligne 1_x000D_\nligne 2_x005F_"));
}
