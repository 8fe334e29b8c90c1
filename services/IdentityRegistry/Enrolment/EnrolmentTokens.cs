using System.Security.Cryptography;
using System.Text;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>
/// Link tokens: 256 random bits, base64url (43 characters, safe in a path segment). Stored as a plain SHA-256: with
/// that much entropy a salt or a slow hash adds nothing, and a fast hash lets the look-up use a unique index.
/// </summary>
public static class EnrolmentTokens
{
    public const int RandomBytes = 32;

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Anything else is answered "unknown" without touching the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
