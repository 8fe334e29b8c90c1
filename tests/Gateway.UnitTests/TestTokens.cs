using System.Security.Claims;
using System.Security.Cryptography;
using Medimail.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Medimail.Gateway.UnitTests;

/// <summary>Access tokens shaped like Identity-Registry's, signed with a key the gateway under test trusts.</summary>
internal static class TestTokens
{
    public const string Issuer = "http://127.0.0.1:8080/";

    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static OpenIdConnectConfiguration Discovery { get; } = CreateDiscovery();

    public static string Bearer(string subject, string scope = MedimailClaims.ApiScope, string issuer = Issuer) =>
        "Bearer " + new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = MedimailClaims.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim(MedimailClaims.Scope, scope)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });

    private static OpenIdConnectConfiguration CreateDiscovery()
    {
        var discovery = new OpenIdConnectConfiguration { Issuer = Issuer };
        discovery.SigningKeys.Add(Key);
        return discovery;
    }
}
