using Medimail.ServiceDefaults.Paging;

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

    /// <summary>The platform's one token format (<see cref="PageTokens"/>), bound to the search's fingerprint.</summary>
    public string Encode() => PageTokens.Encode(new Position(Rank, LastNameKey, FirstNameKey, Email), Search);

    public static PageToken Decode(string token, string expectedSearch) =>
        PageTokens.Decode<Position>(token, expectedSearch) is { L: not null, F: not null, E: not null } p
            ? new PageToken(p.R, p.L, p.F, p.E, expectedSearch)
            : throw new Medimail.ServiceDefaults.Errors.ValidationFailedException(PageTokens.Field, PageTokens.Malformed);

    // Short names: the token travels in URLs.
    private sealed record Position(int R, string? L, string? F, string? E);
}
