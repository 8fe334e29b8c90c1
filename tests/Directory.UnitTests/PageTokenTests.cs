using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.UnitTests;

public sealed class PageTokenTests
{
    [Fact]
    public void A_token_round_trips_and_is_url_safe()
    {
        var token = new PageToken(2, "lefevre", "jean francois", "jf.lefevre+test@ch-test.fr", "ABCDEF0123456789");

        var encoded = token.Encode();

        Assert.DoesNotContain(encoded, c => c is '+' or '/' or '=');
        Assert.Equal(token, PageToken.Decode(encoded, "ABCDEF0123456789"));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("e30")] // "{}"
    [InlineData("bnVsbA")] // "null"
    [InlineData("W10")] // "[]"
    public void A_malformed_token_names_page_token(string token)
    {
        var ex = Assert.Throws<ValidationFailedException>(() => PageToken.Decode(token, "S"));
        Assert.Equal("pageToken", Assert.Single(ex.Violations).Field);
    }
}
