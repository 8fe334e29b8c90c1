using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.UnitTests.Identifiers;

public class StructureIdentifierTests
{
    [Theory]
    [InlineData("310781406")]
    [InlineData("2A0000013")]
    [InlineData("2B0001234")]
    public void Finess_of_nine_digits_or_corsican_2a_2b_is_accepted(string value) =>
        Assert.True(Finess.Check(value).IsOk);

    [Theory]
    [InlineData("31078140")]
    [InlineData("2C0000013")]
    [InlineData("2A000001")]
    [InlineData("310 781 406")]
    public void Finess_of_another_shape_is_rejected(string value) => Assert.True(Finess.Check(value).IsError);

    [Fact]
    public void Siret_with_a_valid_luhn_key_passes() => Assert.True(Siret.Check("73282932000074").IsOk);

    [Fact]
    public void Siret_with_a_bad_luhn_key_is_rejected()
    {
        var check = Siret.Check("73282932000075");
        Assert.True(check.IsError);
        Assert.Contains("SIRET", check.Message);
    }

    [Fact]
    public void La_poste_siret_failing_luhn_but_with_digit_sum_multiple_of_five_is_accepted()
    {
        Assert.False(Luhn.IsValid("35600000049837"));
        Assert.True(Siret.Check("35600000049837").IsOk);
    }

    [Fact]
    public void La_poste_siret_whose_digit_sum_is_not_a_multiple_of_five_is_rejected() =>
        Assert.True(Siret.Check("35600000000048").IsError);

    [Fact]
    public void Siren_with_a_valid_luhn_key_passes() => Assert.True(Siren.Check("732829320").IsOk);

    [Fact]
    public void Siren_with_a_bad_luhn_key_is_rejected() => Assert.True(Siren.Check("732829321").IsError);

    [Fact]
    public void Adeli_needs_nine_digits()
    {
        Assert.True(Adeli.Check("319876543").IsOk);
        Assert.True(Adeli.Check("31987654").IsError);
    }

    [Theory]
    [InlineData(StructureIdentifierType.Finess, "310781406", "1310781406")]
    [InlineData(StructureIdentifierType.Siren, "732829320", "2732829320")]
    [InlineData(StructureIdentifierType.Siret, "73282932000074", "373282932000074")]
    public void National_structure_id_is_the_type_prefix_and_the_number(StructureIdentifierType type, string id, string expected) =>
        Assert.Equal(expected, NationalIds.ForStructure(type, id));

    [Fact]
    public void National_person_id_prefers_rpps_with_8_then_adeli_with_0()
    {
        Assert.Equal("810123456781", NationalIds.ForPerson("10123456781", "319876543"));
        Assert.Equal("0319876543", NationalIds.ForPerson(null, "319876543"));
        Assert.Null(NationalIds.ForPerson(" ", null));
    }

    [Fact]
    public void Identifier_is_checked_against_its_declared_type() =>
        Assert.True(StructureIdentifier.Check(StructureIdentifierType.Siret, "310781406").IsError);
}
