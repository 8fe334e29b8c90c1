namespace Medimail.Directory.UnitTests;

public sealed class VisibilityRulesTests
{
    [Theory]
    [InlineData("PER", "ACTIVE", false, true)]
    [InlineData("INT", "ACTIVE", false, true)]
    [InlineData("ORG", "ACTIVE", false, true)]
    [InlineData("MED", "ACTIVE", false, true)]
    [InlineData("APP", "ACTIVE", false, true)]
    [InlineData("PER", "ACTIVE", true, false)]
    [InlineData("PER", "PRE_REGISTERED", false, false)]
    [InlineData("ORG", "PENDING_VALIDATION", false, false)]
    [InlineData("PER", "DISABLED", false, false)]
    [InlineData("XYZ", "ACTIVE", false, false)]
    public void Regional_lists_active_boxes_not_on_the_regional_liste_rouge(string type, string state, bool unlisted, bool listed) =>
        Assert.Equal(listed, VisibilityRules.IsListedRegional(type, state, unlisted));

    [Theory]
    [InlineData("PER", "ACTIVE", false, null, true)]
    [InlineData("INT", "ACTIVE", false, null, true)]
    [InlineData("ORG", "ACTIVE", false, null, true)]
    [InlineData("MED", "ACTIVE", false, "med@x.mssante.fr", false)]
    [InlineData("APP", "ACTIVE", false, "no-reply@x.mssante.fr", true)]
    [InlineData("APP", "ACTIVE", false, null, false)]
    [InlineData("APP", "ACTIVE", false, " ", false)]
    [InlineData("PER", "ACTIVE", true, null, false)]
    [InlineData("PER", "DISABLED", false, null, false)]
    [InlineData("ORG", "PRE_REGISTERED", false, null, false)]
    public void National_lists_active_published_types_not_on_the_national_liste_rouge(
        string type, string state, bool unlisted, string? mssante, bool listed) =>
        Assert.Equal(listed, VisibilityRules.IsListedNational(type, state, unlisted, mssante));

    [Theory]
    [InlineData(DirectoryKind.National, "INT", "PER")]
    [InlineData(DirectoryKind.Regional, "INT", "INT")]
    [InlineData(DirectoryKind.National, "ORG", "ORG")]
    public void An_intern_publishes_as_personal_in_the_national_directory_only(DirectoryKind directory, string type, string shown) =>
        Assert.Equal(shown, VisibilityRules.PublishedType(directory, type));

    [Fact]
    public void A_national_type_filter_selects_published_types()
    {
        Assert.Equal(["PER", "INT"], VisibilityRules.StoredTypesFor(DirectoryKind.National, "PER"));
        Assert.Empty(VisibilityRules.StoredTypesFor(DirectoryKind.National, "INT"));
        Assert.Empty(VisibilityRules.StoredTypesFor(DirectoryKind.National, "MED"));
        Assert.Equal(["INT"], VisibilityRules.StoredTypesFor(DirectoryKind.Regional, "INT"));
    }
}
