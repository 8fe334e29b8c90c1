using Medimail.Directory.Data;
using Medimail.Directory.Domain;

namespace Medimail.Directory.Search;

/// <summary>
/// Searches and reads of entries: from the in-memory index once it is loaded, from SQL before (the first seconds after
/// start-up), with the same answers either way. Whole-directory exports stream from SQL.
/// </summary>
public sealed class DirectorySearch(EntryIndexFeed feed, CommitTracker commits, IServiceProvider services)
{
    /// <summary>Resolved only when SQL is needed: a search answered from memory creates no DbContext.</summary>
    private EntrySearch Sql => services.GetRequiredService<EntrySearch>();

    public async Task<SearchPage> SearchAsync(SearchCriteria criteria, CancellationToken cancellationToken)
    {
        await commits.WhenSettledAsync(cancellationToken);
        return feed.Current is { } index ? index.Search(criteria) : await Sql.SearchAsync(criteria, cancellationToken);
    }

    public async Task<DirectoryEntry?> FindAsync(DirectoryKind directory, string email, CancellationToken cancellationToken)
    {
        await commits.WhenSettledAsync(cancellationToken);
        if (feed.Current is not { } index)
            return await Sql.FindAsync(directory, email, cancellationToken);
        // An entry hidden from this directory is reported as absent: liste rouge must not be probed by address.
        return index.Find(DirectoryEntry.KeyOf(email)) is { } entry && VisibilityRules.IsListed(directory, entry) ? entry : null;
    }

    public IAsyncEnumerable<IReadOnlyList<DirectoryEntry>> ListAllAsync(DirectoryKind directory, int batchSize, CancellationToken cancellationToken) =>
        Sql.ListAllAsync(directory, batchSize, cancellationToken);
}
