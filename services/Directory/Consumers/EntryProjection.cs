using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.Consumers;

/// <summary>
/// Writes account snapshots into directory entries. Events may arrive out of order (four queues, retries), so a
/// snapshot only replaces an older version. Shares the consumer's scoped DbContext: the consumer base class saves and commits.
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
        var existing = await db.Entries.Where(e => emails.Contains(e.Email)).ToDictionaryAsync(e => e.Email, cancellationToken);

        foreach (var (email, snapshot) in newest)
        {
            if (!existing.TryGetValue(email, out var entry))
                db.Entries.Add(DirectoryEntry.Create(snapshot));
            else if (!entry.Apply(snapshot))
                logger.LogInformation("Ignored version {Version} of {Email}: the directory already holds version {Held}",
                    snapshot.Version, email, entry.Version);
        }
    }
}
