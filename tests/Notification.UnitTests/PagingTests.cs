using Medimail.Notification.Domain;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Notification.UnitTests;

public sealed class PagingTests
{
    [Fact]
    public void Page_size_defaults_to_50_and_is_capped_at_500()
    {
        Assert.Equal(50, Paging.PageSize(0));
        Assert.Equal(500, Paging.PageSize(10_000));
        Assert.Equal(7, Paging.PageSize(7));
    }

    [Fact]
    public void A_negative_page_size_is_rejected_on_its_field() =>
        Assert.Equal("pageSize", Assert.Throws<ValidationFailedException>(() => Paging.PageSize(-1)).Violations.Single().Field);

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
