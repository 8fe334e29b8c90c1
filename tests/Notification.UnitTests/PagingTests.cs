using Medimail.Notification.Domain;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;

namespace Medimail.Notification.UnitTests;

public sealed class PagingTests
{
    // Notification's lists use the platform's one rule (ServiceDefaults PageSize): it used to lower 10,000 to 500
    // silently; a size above 500 is now refused on pageSize like everywhere else.
    [Fact]
    public void Page_size_defaults_to_50_and_is_refused_above_500()
    {
        Assert.Equal(50, PageSize.Resolve(0));
        Assert.Equal(7, PageSize.Resolve(7));
        Assert.Equal("pageSize", Assert.Throws<ValidationFailedException>(() => PageSize.Resolve(10_000)).Violations.Single().Field);
    }

    [Fact]
    public void A_negative_page_size_is_rejected_on_its_field() =>
        Assert.Equal("pageSize", Assert.Throws<ValidationFailedException>(() => PageSize.Resolve(-1)).Violations.Single().Field);

    [Fact]
    public void A_page_token_comes_back_as_issued()
    {
        var token = new PageToken(DateTimeOffset.UnixEpoch.AddDays(1), Guid.NewGuid(), "a@ehpad.fr");
        Assert.Equal(token, PageToken.Decode(token.Encode(), "a@ehpad.fr"));
        Assert.Null(PageToken.Decode("", "a@ehpad.fr"));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("bm90IGpzb24")]
    public void A_forged_page_token_is_rejected_on_its_field(string token) =>
        Assert.Equal("pageToken", Assert.Throws<ValidationFailedException>(() => PageToken.Decode(token, "")).Violations.Single().Field);

    [Fact]
    public void A_page_token_of_another_recipient_filter_is_rejected()
    {
        var token = new PageToken(DateTimeOffset.UnixEpoch, Guid.NewGuid(), "a@ehpad.fr").Encode();
        Assert.Equal("pageToken", Assert.Throws<ValidationFailedException>(() => PageToken.Decode(token, "b@ehpad.fr")).Violations.Single().Field);
    }
}
