using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Medimail.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.Projection;

/// <summary>
/// Writes account snapshots into directory entries. Events may arrive out of order (four queues, retries), so a
/// snapshot only replaces an older version (<see cref="DirectoryEntry.Apply"/>, which also leaves the liste rouge
/// flags alone once the Directory owns them). Shares the consumer's scoped DbContext and transaction: the consumer
/// base class saves and commits, together with the message's <c>processed_messages</c> row.
/// New entries — the whole of an import batch — go in with one binary COPY (<see cref="EntryCopy"/>); entries that
/// already exist are loaded in the same single query as before and updated through EF, whose concurrency tokens
/// (<c>version</c>, <c>visibility_version</c>) still catch a racing writer.
/// </summary>
public sealed class EntryProjection(DirectoryDbContext db, ILogger<EntryProjection> logger)
{
    public async Task ApplyAsync(IReadOnlyCollection<AccountSnapshot> snapshots, CancellationToken cancellationToken)
    {
        // The newest snapshot of each address wins inside one batch too.
        var newest = snapshots
            .GroupBy(s => DirectoryEntry.KeyOf(s.Email))
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Version)!);
        var emails = newest.Keys.ToList();
        // One primary-key probe per address, even in a table an import is filling faster than it is analysed.
        await db.Database.PreferIndexScansAsync(cancellationToken);
        var existing = await db.Entries.Where(e => emails.Contains(e.Email)).ToDictionaryAsync(e => e.Email, cancellationToken);

        var created = new List<DirectoryEntry>(newest.Count - existing.Count);
        var now = DateTimeOffset.UtcNow;
        foreach (var (email, snapshot) in newest)
        {
            if (!existing.TryGetValue(email, out var entry))
                created.Add(DirectoryEntry.Create(snapshot, now));
            else if (!entry.Apply(snapshot, now))
                logger.LogInformation("Ignored version {Version} of {Email}: the directory already holds version {Held}",
                    snapshot.Version, email, entry.Version);
        }
        if (EntryCopy.For(db) is { } copy)
            await copy.WriteAsync(db, created, cancellationToken);
        else
        {
            logger.LogWarning("DirectoryEntry has a column EntryCopy cannot write: {Count} new entries inserted through EF instead", created.Count);
            db.Entries.AddRange(created);
        }
    }
}
