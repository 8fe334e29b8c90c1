using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Enrolment;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Medimail.IdentityRegistry.UnitTests.Enrolment;

public sealed class PasswordPolicyTests
{
    private const string Email = "jean.dupont@chu-test.fr";
    private static readonly PasswordPolicy Policy = new(CommonPasswords.Default);

    [Theory]
    [InlineData("Tr0mbone-Ciel-Vert")]
    [InlineData("le chat dort sur le radiateur")]
    [InlineData("Épinards#Gratinés42")]
    public void A_long_uncommon_password_is_accepted(string password) =>
        Assert.Empty(Policy.Check(password, Email));

    [Fact]
    public void Eleven_characters_are_refused_and_twelve_are_enough()
    {
        Assert.Equal("password", Assert.Single(Policy.Check("Xq7#mLp2wZk", Email)).Field);
        Assert.Empty(Policy.Check("Xq7#mLp2wZk9", Email));
    }

    [Fact]
    public void Length_counts_characters_not_utf16_units()
    {
        // Six emoji are twelve UTF-16 units but six characters: too short.
        Assert.NotEmpty(Policy.Check("😀😀😀😀😀😀", Email));
    }

    [Fact]
    public void More_than_128_characters_are_refused()
    {
        Assert.Empty(Policy.Check(new string('k', 60) + new string('w', 68), Email));
        var violation = Assert.Single(Policy.Check(new string('k', 60) + new string('w', 69), Email));
        Assert.Contains("128", violation.Description);
    }

    [Theory]
    [InlineData("motdepasse2024")]
    [InlineData("azerty123456")]
    [InlineData("AZERTY123456")]
    [InlineData("MotDePasse123!")]
    [InlineData("password1234")]
    [InlineData("azertyuiop123")]
    public void Common_passwords_are_refused_whatever_their_case(string password)
    {
        var violation = Assert.Single(Policy.Check(password, Email));
        Assert.Equal("password", violation.Field);
        Assert.Contains("courants", violation.Description);
    }

    [Theory]
    [InlineData("jean.dupont@chu-test.fr!")]
    [InlineData("xxJEAN.DUPONTxx2026")]
    public void A_password_containing_the_address_or_its_local_part_is_refused(string password)
    {
        var violation = Assert.Single(Policy.Check(password, Email));
        Assert.Contains("adresse", violation.Description);
    }

    [Fact]
    public void The_embedded_list_holds_thousands_of_passwords_including_french_ones()
    {
        Assert.True(CommonPasswords.Default.Count > 5000, $"{CommonPasswords.Default.Count} passwords");
        Assert.True(CommonPasswords.Default.Contains("motdepasse"));
        Assert.True(CommonPasswords.Default.Contains("azerty123456"));
        Assert.False(CommonPasswords.Default.Contains("Tr0mbone-Ciel-Vert"));
    }

    [Fact]
    public void Person_passwords_are_hashed_with_at_least_210000_pbkdf2_iterations_and_verify()
    {
        // The hasher the service registers (Extensions.AddEnrolmentFeatures), not one built here.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["PublicBaseUrl"] = "https://medimail.test";
        builder.AddEnrolmentFeatures();
        using var services = builder.Services.BuildServiceProvider();
        var hasher = services.GetRequiredService<IPasswordHasher<AccountRecord>>();
        var account = new AccountRecord { Email = Email };

        var hash = hasher.HashPassword(account, "Tr0mbone-Ciel-Vert");

        // Format v3: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt length, salt, subkey.
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(account, hash, "Tr0mbone-Ciel-Vert"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(account, hash, "Tr0mbone-Ciel-Ver"));
    }
}
