using System.Security.Cryptography;
using Medimail.IdentityRegistry.Auth;
using Microsoft.AspNetCore.Builder;

namespace Medimail.IdentityRegistry.UnitTests.Auth;

/// <summary>
/// The token server's wiring (<see cref="TokenServerSetup.AddTokenServer"/>, as Program.cs calls it): outside development
/// it refuses to start without a signing key or an encryption key, rather than using keys that die with the process
/// and that other replicas do not share.
/// </summary>
public sealed class SigningKeyTests
{
    private const string ValidEncryptionKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_up_outside_development_fails_without_a_signing_key_naming_the_setting(string environment)
    {
        var builder = Builder(environment, signingKeyPem: null);

        var error = Assert.Throws<InvalidOperationException>(builder.AddTokenServer);

        Assert.Contains("TokenServer:SigningKeyPem", error.Message);
    }

    [Fact]
    public void Start_up_outside_development_accepts_configured_keys()
    {
        using var rsa = RSA.Create(2048);
        var builder = Builder("Production", rsa.ExportRSAPrivateKeyPem());

        builder.AddTokenServer();
    }

    [Theory]
    [InlineData(null, "Missing required setting 'TokenServer:EncryptionKey'")]
    [InlineData("c2hvcnQ=", "must be base64 of exactly 32 bytes")]
    [InlineData("not base64 at all!", "must be base64 of exactly 32 bytes")]
    public void Start_up_outside_development_fails_without_a_valid_encryption_key_naming_the_setting(string? encryptionKey, string expected)
    {
        using var rsa = RSA.Create(2048);
        var builder = Builder("Production", rsa.ExportRSAPrivateKeyPem(), encryptionKey);

        var error = Assert.Throws<InvalidOperationException>(builder.AddTokenServer);

        Assert.Contains(expected, error.Message);
        Assert.Contains("TokenServer:EncryptionKey", error.Message);
    }

    [Fact]
    public void Development_starts_without_a_signing_key()
    {
        var builder = Builder("Development", signingKeyPem: null);

        builder.AddTokenServer();
    }

    private static WebApplicationBuilder Builder(string environment, string? signingKeyPem, string? encryptionKey = ValidEncryptionKey)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Auth:Issuer"] = "https://medimail.test/";
        // The other settings required outside development, so that only the signing key is missing.
        builder.Configuration[TokenServerOptions.OperatorSecretVariable] = "operator-secret-for-the-test";
        foreach (var name in ServiceClients.Names)
            builder.Configuration[$"ServiceClients:{name}:Secret"] = $"service-secret-for-the-test-{name}";
        builder.Configuration["TokenServer:SigningKeyPem"] = signingKeyPem;
        builder.Configuration["TokenServer:EncryptionKey"] = encryptionKey;
        return builder;
    }
}
