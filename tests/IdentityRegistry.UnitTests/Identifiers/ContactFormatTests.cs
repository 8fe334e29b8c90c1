using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.UnitTests.Identifiers;

public class ContactFormatTests
{
    [Theory]
    [InlineData("0561000000")]
    [InlineData("+33561000000")]
    [InlineData("+4930123456")]
    public void Phone_of_digits_or_international_plus_is_accepted(string value) => Assert.True(PhoneNumber.Check(value).IsOk);

    [Theory]
    [InlineData("05 61 00 00 00")]
    [InlineData("05.61.00.00.00")]
    [InlineData("05-61-00-00-00")]
    [InlineData("056100000")]
    [InlineData("5610000000")]
    public void Phone_with_separators_or_wrong_length_is_rejected(string value) => Assert.True(PhoneNumber.Check(value).IsError);

    [Theory]
    [InlineData("31000", true)]
    [InlineData("3100", false)]
    [InlineData("31 000", false)]
    [InlineData("2A000", false)]
    public void Postcode_has_five_digits(string value, bool ok) => Assert.Equal(ok, PostalCode.Check(value).IsOk);

    [Theory]
    [InlineData("20000", "2A", true)]
    [InlineData("20200", "2B", true)]
    [InlineData("97400", "974", true)]
    [InlineData("97100", "974", false)]
    [InlineData("75001", "31", false)]
    public void Postcode_starts_with_its_department(string postcode, string department, bool matches) =>
        Assert.Equal(matches, PostalCode.MatchesDepartment(postcode, department));

    [Theory]
    [InlineData("jean.dupont@chu-toulouse.fr")]
    [InlineData("no-reply@mastructure.fr")]
    [InlineData("noreply+labo@sub.domaine.sante.fr")]
    public void Plain_addresses_are_valid(string value) => Assert.True(EmailAddress.IsValid(value));

    [Theory]
    [InlineData("jean dupont@chu.fr")]
    [InlineData("jean..dupont@chu.fr")]
    [InlineData(".jean@chu.fr")]
    [InlineData("jean@chu")]
    [InlineData("jean@@chu.fr")]
    [InlineData("@chu.fr")]
    [InlineData("ne-pas-répondre@mastructure.fr")]
    public void Malformed_or_accented_addresses_are_rejected(string value) => Assert.True(EmailAddress.Check(value).IsError);

    [Fact]
    public void A_particle_must_not_carry_the_domain()
    {
        var check = MailParticle.Check("jean.dupont@mssante.fr", "L'adresse MSSanté (particule)");
        Assert.True(check.IsError);
        Assert.Contains("avant le « @ »", check.Message);
    }
}
