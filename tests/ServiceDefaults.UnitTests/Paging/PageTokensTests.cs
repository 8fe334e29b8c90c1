using System.Buffers.Text;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;

namespace Medimail.ServiceDefaults.UnitTests.Paging;

public sealed class PageTokensTests
{
    private sealed record After(string Email, int Rank);

    private static readonly After Position = new("jean.dupont@ch-test.fr", 3);

    [Fact]
    public void A_token_gives_back_the_position_it_was_issued_for_and_is_url_safe()
    {
        var token = PageTokens.Encode(Position, "accounts|martin");

        Assert.DoesNotContain(token, c => c is '+' or '/' or '=');
        Assert.Equal(Position, PageTokens.Decode<After>(token, "accounts|martin"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_token_is_the_first_page(string? token) => Assert.Null(PageTokens.Decode<After>(token, "accounts"));

    [Fact]
    public void A_token_of_another_list_or_other_filters_is_refused_on_page_token()
    {
        var token = PageTokens.Encode(Position, "accounts|martin");

        var violation = Refused(() => PageTokens.Decode<After>(token, "accounts|dupont"));
        Assert.Equal(PageTokens.OtherScope, violation.Description);
    }

    [Fact]
    public void Changing_any_byte_of_a_token_makes_it_refused_on_page_token()
    {
        var bytes = Base64Url.DecodeFromChars(PageTokens.Encode(Position, "s"));
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            var violation = Refused(() => PageTokens.Decode<After>(Base64Url.EncodeToString(tampered), "s"));
            Assert.Equal(PageTokens.Malformed, violation.Description);
        }
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("e30")] // "{}"
    [InlineData("bnVsbA")] // "null"
    [InlineData("AQ")] // the version byte alone
    public void Garbage_is_refused_on_page_token(string token) =>
        Assert.Equal(PageTokens.Malformed, Refused(() => PageTokens.Decode<After>(token, "s")).Description);

    [Fact]
    public void A_truncated_token_is_refused_on_page_token()
    {
        var token = PageTokens.Encode(Position, "s");
        Assert.Equal(PageTokens.Malformed, Refused(() => PageTokens.Decode<After>(token[..^4], "s")).Description);
    }

    [Fact]
    public void A_token_longer_than_the_limit_is_refused_before_decoding() =>
        Refused(() => PageTokens.Decode<After>(new string('A', PageTokens.MaxLength + 1), "s"));

    private static FieldViolation Refused(Action decode)
    {
        var violation = Assert.Single(Assert.Throws<ValidationFailedException>(decode).Violations);
        Assert.Equal("pageToken", violation.Field);
        return violation;
    }
}
