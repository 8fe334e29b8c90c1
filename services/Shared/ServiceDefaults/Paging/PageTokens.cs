using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.ServiceDefaults.Paging;

/// <summary>
/// The one page-token format of the API: base64url of <c>version (1 byte) · scope (8 bytes) · JSON position · check
/// (16 bytes)</c>. The position is where the next page starts (a keyset or an offset, each list its own record); the
/// scope is a hash of the list and its filters, so a token replayed on another list or other filters is refused; the
/// check is an HMAC over the rest, so an edited or truncated token is refused instead of paging from a made-up place.
/// A token carries no right: every page is filtered again by the caller's rights, which is why a key fixed in the code
/// (not a secret) is enough for the check. Clients only hand the token back; its inside may change with the version.
/// </summary>
public static class PageTokens
{
    public const string Field = "pageToken";

    /// <summary>Longer tokens are refused before any decoding: the cost stays bounded whatever a client sends.</summary>
    public const int MaxLength = 2048;

    private const byte Version = 1;
    private const int ScopeLength = 8;
    private const int CheckLength = 16;
    private static readonly byte[] CheckKey = "medimail/page-token/v1"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string Malformed = "Ce jeton de page n'est pas valide : reprenez la valeur nextPageToken de la réponse précédente.";
    public const string OtherScope = "Ce jeton de page a été émis pour une autre liste ou d'autres filtres : reprenez depuis la première page.";

    /// <summary>The token of the page that starts at <paramref name="position"/> of the list identified by <paramref name="scope"/>.</summary>
    public static string Encode<T>(T position, string scope)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(position, Json);
        var body = new byte[1 + ScopeLength + payload.Length + CheckLength];
        body[0] = Version;
        ScopeHash(scope).CopyTo(body, 1);
        payload.CopyTo(body, 1 + ScopeLength);
        var signed = body.AsSpan(0, body.Length - CheckLength);
        HMACSHA256.HashData(CheckKey, signed)[..CheckLength].CopyTo(body.AsSpan(signed.Length));
        return Base64Url.EncodeToString(body);
    }

    /// <summary>
    /// The position carried by <paramref name="token"/>, or null for an empty token (the first page). Anything but a
    /// token this helper issued for the same <paramref name="scope"/> is an INVALID_ARGUMENT on <c>pageToken</c>.
    /// </summary>
    public static T? Decode<T>(string? token, string scope) where T : class
    {
        if (string.IsNullOrEmpty(token))
            return null;
        if (token.Length > MaxLength)
            throw Invalid(Malformed);
        byte[] body;
        try { body = Base64Url.DecodeFromChars(token); }
        catch (FormatException) { throw Invalid(Malformed); }
        if (body.Length < 1 + ScopeLength + CheckLength || body[0] != Version)
            throw Invalid(Malformed);
        var signed = body.AsSpan(0, body.Length - CheckLength);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(CheckKey, signed).AsSpan(0, CheckLength), body.AsSpan(signed.Length)))
            throw Invalid(Malformed);
        if (!body.AsSpan(1, ScopeLength).SequenceEqual(ScopeHash(scope)))
            throw Invalid(OtherScope);
        try
        {
            return JsonSerializer.Deserialize<T>(body.AsSpan(1 + ScopeLength, signed.Length - 1 - ScopeLength), Json) ?? throw Invalid(Malformed);
        }
        catch (JsonException) { throw Invalid(Malformed); }
    }

    private static byte[] ScopeHash(string scope) => SHA256.HashData(Encoding.UTF8.GetBytes(scope))[..ScopeLength];

    private static ValidationFailedException Invalid(string description) => new(Field, description);
}
