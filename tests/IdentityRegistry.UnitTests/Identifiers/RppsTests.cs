using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.UnitTests.Identifiers;

public class RppsTests
{
    [Fact]
    public void Eleven_digits_with_a_valid_key_pass() =>
        Assert.Equal(CheckSeverity.Ok, Rpps.Check("10123456781").Severity);

    [Fact]
    public void A_failed_luhn_key_is_a_warning_not_an_error()
    {
        var check = Rpps.Check("10123456789");
        Assert.Equal(CheckSeverity.Warning, check.Severity);
        Assert.Contains("RPPS", check.Message);
    }

    [Theory]
    [InlineData("101 2345 6781")]
    [InlineData("10.123.456.781")]
    public void Spaces_and_dots_are_rejected_by_name(string value)
    {
        var check = Rpps.Check(value);
        Assert.True(check.IsError);
        Assert.Contains("ni espace ni point", check.Message);
        Assert.Contains("RPPS", check.Message);
    }

    [Theory]
    [InlineData("1012345678")]
    [InlineData("101234567812")]
    [InlineData("1012345678A")]
    public void Wrong_length_or_letters_are_rejected(string value) => Assert.True(Rpps.Check(value).IsError);
}
