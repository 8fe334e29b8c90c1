using System.Buffers.Text;
using System.Text.Json;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.Domain;

/// <summary>The list conventions of the API: pageSize default 50, at most 500.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static int PageSize(int requested) => requested switch
    {
        < 0 => throw new ValidationFailedException("pageSize", "La taille de page doit être positive."),
        0 => DefaultPageSize,
        > MaxPageSize => MaxPageSize,
        _ => requested,
    };
}

/// <summary>
/// Where the next page starts (newest first: time, then key), bound to the list it was issued for (box and folder).
/// Opaque to clients: base64url of a small JSON document.
/// </summary>
public sealed record PageToken(DateTimeOffset Time, string Key, string Scope)
{
    public const string Field = "pageToken";

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static PageToken? Decode(string token, string scope)
    {
        if (string.IsNullOrEmpty(token))
            return null;
        PageToken? decoded;
        try { decoded = JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(token)); }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            decoded = null;
        }
        if (decoded is null || decoded.Key is null)
            throw new ValidationFailedException(Field, "Jeton de page invalide : reprenez la liste depuis le début.");
        if (decoded.Scope != scope)
            throw new ValidationFailedException(Field, "Ce jeton de page a été émis pour une autre liste.");
        return decoded;
    }
}
