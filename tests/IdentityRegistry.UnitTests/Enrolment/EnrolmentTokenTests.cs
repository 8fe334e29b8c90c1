using Microsoft.Extensions.Configuration;
using Medimail.IdentityRegistry.Enrolment;

namespace Medimail.IdentityRegistry.UnitTests.Enrolment;

public sealed class EnrolmentTokenTests
{
    [Fact]
    public void A_token_carries_256_random_bits_in_url_safe_characters()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => EnrolmentTokens.NewToken()).ToList();

        Assert.All(tokens, token =>
        {
            Assert.Equal(43, token.Length);
            Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in a path segment"));
            Assert.True(EnrolmentTokens.LooksValid(token));
        });
        // 43 base64url characters decode to 32 bytes; each of the 256 bits is 0 in some tokens and 1 in others (a bit
        // fixed in 1,000 random tokens has a chance of 2^-999), so none is padding or a constant.
        var decoded = tokens.Select(FromBase64Url).ToList();
        Assert.All(decoded, bytes => Assert.Equal(32, bytes.Length));
        var fixedBits = Enumerable.Range(0, 256)
            .Where(bit => decoded.Select(b => (b[bit / 8] >> (bit % 8)) & 1).Distinct().Count() == 1).ToList();
        Assert.True(fixedBits.Count == 0, $"bits never varying: {string.Join(", ", fixedBits)}");
    }

    private static byte[] FromBase64Url(string token) =>
        Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=");

    [Fact]
    public void Tokens_do_not_repeat()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => EnrolmentTokens.NewToken()).ToHashSet();
        Assert.Equal(1000, tokens.Count);
    }

    [Fact]
    public void The_stored_hash_is_the_sha256_of_the_token_and_never_the_token()
    {
        var token = EnrolmentTokens.NewToken();
        var hash = EnrolmentTokens.Hash(token);

        Assert.Equal(64, hash.Length);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain(token, hash);
        Assert.Equal(hash, EnrolmentTokens.Hash(token));
        Assert.NotEqual(hash, EnrolmentTokens.Hash(EnrolmentTokens.NewToken()));
        // Known vector: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", EnrolmentTokens.Hash("abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Malformed_tokens_are_rejected_before_any_lookup(string token) =>
        Assert.False(EnrolmentTokens.LooksValid(token));

    [Fact]
    public void Links_point_at_the_gateway_enrol_page()
    {
        var options = new EnrolmentOptions { PublicBaseUrl = "https://medimail.example.fr/" };
        Assert.Equal("https://medimail.example.fr/enrol/abc", options.LinkFor("abc"));
    }

    [Fact]
    public void The_public_base_url_defaults_to_the_issuer_origin()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "https://medimail.example.fr/some/path/",
        }).Build();
        Assert.Equal("https://medimail.example.fr", EnrolmentOptions.ResolvePublicBaseUrl(configuration));

        configuration["PublicBaseUrl"] = "http://127.0.0.1:7480/";
        Assert.Equal("http://127.0.0.1:7480", EnrolmentOptions.ResolvePublicBaseUrl(configuration));
    }
}
