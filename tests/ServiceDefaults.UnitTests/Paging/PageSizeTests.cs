using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;

namespace Medimail.ServiceDefaults.UnitTests.Paging;

public sealed class PageSizeTests
{
    [Fact]
    public void An_absent_page_size_means_50_and_any_size_from_1_to_500_is_kept()
    {
        Assert.Equal(50, PageSize.Resolve(0));
        Assert.Equal(1, PageSize.Resolve(1));
        Assert.Equal(7, PageSize.Resolve(7));
        Assert.Equal(500, PageSize.Resolve(500));
    }

    [Theory]
    [InlineData(501)]
    [InlineData(10_000)]
    [InlineData(-1)]
    public void A_page_size_out_of_range_is_refused_on_page_size_with_one_french_sentence(int requested)
    {
        var violation = Assert.Single(Assert.Throws<ValidationFailedException>(() => PageSize.Resolve(requested)).Violations);

        Assert.Equal("pageSize", violation.Field);
        Assert.Equal("La taille de page (pageSize) doit être comprise entre 1 et 500 ; sans valeur, elle vaut 50.", violation.Description);
        Assert.Equal(violation, PageSize.Check(requested));
    }

    [Fact]
    public void A_page_size_in_range_has_no_violation() => Assert.Null(PageSize.Check(500));
}
