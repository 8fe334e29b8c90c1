using System.Security.Claims;
using System.Security.Cryptography;
using Medimail.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class CachingTokenHandlerTests
{
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test" };
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "test" };

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static string Token(DateTime expires, RsaSecurityKey? key = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://issuer", Audience = "api", Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
        NotBefore = expires.AddHours(-1), IssuedAt = expires.AddHours(-1), Expires = expires,
        SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
    });

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = "https://issuer", ValidAudience = "api", IssuerSigningKey = key, ClockSkew = TimeSpan.Zero,
    };

    [Fact]
    public async Task A_validated_token_is_accepted_again_without_its_signature_being_checked()
    {
        var now = DateTime.UtcNow;
        var handler = new CachingTokenHandler(new ManualClock(now));
        var token = Token(now.AddMinutes(30));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(Key))).IsValid);

        // The key given now would fail the signature: only a remembered validation can accept the token.
        var again = await handler.ValidateTokenAsync(token, Parameters(OtherKey));

        Assert.True(again.IsValid);
        Assert.Equal("alice", again.ClaimsIdentity.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_copy_of_the_identity()
    {
        var now = DateTime.UtcNow;
        var handler = new CachingTokenHandler(new ManualClock(now));
        var token = Token(now.AddMinutes(30));
        await handler.ValidateTokenAsync(token, Parameters(Key));

        var first = await handler.ValidateTokenAsync(token, Parameters(Key));
        first.ClaimsIdentity.AddClaim(new Claim("role", "operator"));
        var second = await handler.ValidateTokenAsync(token, Parameters(Key));

        Assert.Null(second.ClaimsIdentity.FindFirst("role"));
    }

    [Fact]
    public async Task A_token_is_validated_afresh_once_it_expires_or_after_five_minutes()
    {
        var now = DateTime.UtcNow;
        var clock = new ManualClock(now);
        var handler = new CachingTokenHandler(clock);
        var longLived = Token(now.AddHours(1));
        var shortLived = Token(now.AddMinutes(2));
        await handler.ValidateTokenAsync(longLived, Parameters(Key));
        await handler.ValidateTokenAsync(shortLived, Parameters(Key));

        // With the wrong key given, only a remembered validation accepts a token.
        clock.Now = now.AddMinutes(3);
        Assert.True((await handler.ValidateTokenAsync(longLived, Parameters(OtherKey))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(shortLived, Parameters(OtherKey))).IsValid);

        clock.Now = now + CachingTokenHandler.MaxAge + TimeSpan.FromSeconds(1);
        Assert.False((await handler.ValidateTokenAsync(longLived, Parameters(OtherKey))).IsValid);
    }

    [Fact]
    public async Task A_rejected_token_is_not_remembered()
    {
        var now = DateTime.UtcNow;
        var handler = new CachingTokenHandler(new ManualClock(now));
        var forged = Token(now.AddMinutes(30), OtherKey);

        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(Key))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(Key))).IsValid);
    }
}
