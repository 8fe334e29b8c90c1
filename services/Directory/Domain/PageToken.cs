using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.Domain;

/// <summary>
/// Where the next page starts: the sort key of the last entry returned (relevance rank, last name, first name, address).
/// Keyset paging stays correct while entries are added or removed between pages: nothing is skipped or shown twice
/// among the entries that stay. <see cref="Search"/> fingerprints the search, so a token cannot be replayed on another.
/// </summary>
public sealed record PageToken(int Rank, string LastNameKey, string FirstNameKey, string Email, string Search)
{
    /// <summary>The token of the page that starts after <paramref name="last"/>.</summary>
    public static PageToken After(int rank, DirectoryEntry last, string search) =>
        new(rank, last.LastNameKey, last.FirstNameKey, last.Email, search);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>URL-safe base64 of a small JSON document; opaque to clients, who only hand it back.</summary>
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
        new Wire(Rank, LastNameKey, FirstNameKey, Email, Search), Json));

    public static PageToken Decode(string token, string expectedSearch)
    {
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(token), Json);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw Invalid("Ce jeton de page n'est pas valide.");
        }
        if (wire is not { L: not null, F: not null, E: not null, S: not null })
            throw Invalid("Ce jeton de page n'est pas valide.");
        if (wire.S != expectedSearch)
            throw Invalid("Ce jeton de page appartient à une autre recherche : reprenez la recherche depuis la première page.");
        return new PageToken(wire.R, wire.L, wire.F, wire.E, wire.S);
    }

    private static ValidationFailedException Invalid(string description) => new("pageToken", description);

    // Short names: the token travels in URLs.
    private sealed record Wire(int R, string? L, string? F, string? E, string? S);
}
