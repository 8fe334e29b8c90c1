using System.Runtime.CompilerServices;
using Medimail.Directory.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.Data;

/// <summary>
/// Directory searches, in SQL the indexes answer: the directory's listed flag, exact filters, one
/// <c>search_words LIKE '% term%'</c> per name word (pg_trgm GIN), ordered by relevance then name with keyset paging.
/// </summary>
public sealed class EntrySearch(DirectoryDbContext db)
{
    public async Task<DirectoryEntry?> FindAsync(DirectoryKind directory, string email, CancellationToken cancellationToken)
    {
        var key = DirectoryEntry.KeyOf(email);
        var entry = await db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.Email == key, cancellationToken);
        // An entry hidden from this directory is reported as absent: liste rouge must not be probed by address.
        return entry is not null && VisibilityRules.IsListed(directory, entry) ? entry : null;
    }

    /// <summary>
    /// Every entry listed in a directory, in name order, read in batches along the directory's name index so an export
    /// of the whole directory holds neither a long transaction nor the whole table in memory.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<DirectoryEntry>> ListAllAsync(
        DirectoryKind directory, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var criteria = SearchCriteria.Create(DirectoryKinds.Name(directory), null, null, null, null, null, null, 0, null);
        DirectoryEntry? last = null;
        do
        {
            var after = last is null ? null : PageToken.After(0, last, criteria.Fingerprint);
            var batch = await NamePageAsync(Matching(criteria), criteria with { PageSize = batchSize, After = after }, cancellationToken);
            var entries = batch.Take(batchSize).Select(r => r.Entry).ToList();
            if (entries.Count > 0)
                yield return entries;
            last = batch.Count > batchSize ? entries[^1] : null;
        } while (last is not null);
    }

    public async Task<SearchPage> SearchAsync(SearchCriteria criteria, CancellationToken cancellationToken)
    {
        var matches = Matching(criteria);
        var total = await matches.CountAsync(cancellationToken);
        var page = criteria.Query is SearchQuery.Name name
            ? await RankedPageAsync(matches, name, criteria, cancellationToken)
            : await NamePageAsync(matches, criteria, cancellationToken);

        var hasMore = page.Count > criteria.PageSize;
        var entries = page.Take(criteria.PageSize).ToList();
        var next = hasMore ? TokenAfter(entries[^1], criteria) : "";
        return new SearchPage(entries.Select(r => r.Entry).ToList(), next, total);
    }

    private IQueryable<DirectoryEntry> Matching(SearchCriteria criteria)
    {
        var entries = db.Entries.AsNoTracking();
        entries = criteria.Directory == DirectoryKind.Regional
            ? entries.Where(e => e.ListedRegional)
            : entries.Where(e => e.ListedNational);

        if (criteria.Profession is { } profession) entries = entries.Where(e => e.Profession == profession);
        if (criteria.DepartmentCode is { } department) entries = entries.Where(e => e.DepartmentCode == department);
        if (criteria.PostalCode is { } postalCode) entries = entries.Where(e => e.PostalCode == postalCode);
        if (criteria.CityKey is { } city) entries = entries.Where(e => e.CityKey == city);
        if (criteria.StoredTypes is { } types) entries = entries.Where(e => types.Contains(e.Type));

        switch (criteria.Query)
        {
            case SearchQuery.Address address:
                entries = entries.Where(e => e.Email == address.Value || e.MssanteAddress == address.Value);
                break;
            case SearchQuery.Identifier number:
                entries = entries.Where(e => e.Rpps == number.Value || e.Adeli == number.Value);
                break;
            case SearchQuery.Name name:
                // Terms hold only letters and digits (SearchText), so they need no LIKE escaping.
                foreach (var pattern in name.Terms.Select(term => $"% {term}%"))
                    entries = entries.Where(e => EF.Functions.Like(e.SearchWords, pattern));
                break;
        }
        return entries;
    }

    /// <summary>
    /// Name searches rank the exact last name first (0), then last names starting with the query (1), then entries that
    /// matched through another word (2): "martin" lists the MARTINs, then MARTINEZ, then Martin as a first name.
    /// </summary>
    private static Task<List<Ranked>> RankedPageAsync(
        IQueryable<DirectoryEntry> matches, SearchQuery.Name name, SearchCriteria criteria, CancellationToken cancellationToken) =>
        RankedPage(matches, name, criteria).ToListAsync(cancellationToken);

    private static IQueryable<Ranked> RankedPage(IQueryable<DirectoryEntry> matches, SearchQuery.Name name, SearchCriteria criteria)
    {
        var key = name.Key;
        var ranked = matches.Select(e => new Ranked
        {
            Entry = e,
            Rank = e.LastNameKey == key ? 0 : e.LastNameKey.StartsWith(key) ? 1 : 2,
        });
        if (criteria.After is { } after)
            ranked = ranked.Where(r => EF.Functions.GreaterThan(
                ValueTuple.Create(r.Rank, r.Entry.LastNameKey, r.Entry.FirstNameKey, r.Entry.Email),
                ValueTuple.Create(after.Rank, after.LastNameKey, after.FirstNameKey, after.Email)));
        return ranked
            .OrderBy(r => r.Rank).ThenBy(r => r.Entry.LastNameKey).ThenBy(r => r.Entry.FirstNameKey).ThenBy(r => r.Entry.Email)
            .Take(criteria.PageSize + 1);
    }

    /// <summary>Without name words every match ranks alike: plain name order, which the partial name indexes serve.</summary>
    private static async Task<List<Ranked>> NamePageAsync(
        IQueryable<DirectoryEntry> matches, SearchCriteria criteria, CancellationToken cancellationToken)
    {
        var entries = await NamePage(matches, criteria).ToListAsync(cancellationToken);
        return entries.Select(e => new Ranked { Entry = e, Rank = 0 }).ToList();
    }

    private static IQueryable<DirectoryEntry> NamePage(IQueryable<DirectoryEntry> matches, SearchCriteria criteria)
    {
        if (criteria.After is { } after)
            matches = matches.Where(e => EF.Functions.GreaterThan(
                ValueTuple.Create(e.LastNameKey, e.FirstNameKey, e.Email),
                ValueTuple.Create(after.LastNameKey, after.FirstNameKey, after.Email)));
        return matches
            .OrderBy(e => e.LastNameKey).ThenBy(e => e.FirstNameKey).ThenBy(e => e.Email)
            .Take(criteria.PageSize + 1);
    }

    /// <summary>
    /// The two statements a search runs (the count, then the page) as EF sends them, with their parameters listed
    /// in leading "-- @name='value'" comments: the benchmark replays them through pgbench, and the README's EXPLAIN
    /// ANALYZE plans are theirs.
    /// </summary>
    internal (string Count, string Page) SqlOf(SearchCriteria criteria)
    {
        var matches = Matching(criteria);
        var page = criteria.Query is SearchQuery.Name name
            ? RankedPage(matches, name, criteria).ToQueryString()
            : NamePage(matches, criteria).ToQueryString();
        return (matches.Select(_ => 1).ToQueryString(), page);
    }

    private static string TokenAfter(Ranked last, SearchCriteria criteria) =>
        PageToken.After(last.Rank, last.Entry, criteria.Fingerprint).Encode();

    private sealed class Ranked
    {
        public required DirectoryEntry Entry { get; init; }
        public required int Rank { get; init; }
    }
}
