using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.Visibility;

public sealed record VisibilityChange(string Email, bool? UnlistedRegional, bool? UnlistedNational);

/// <summary>
/// Liste rouge changes. The Directory owns the two flags once they are set here: the entry and the
/// <see cref="VisibilityChanged"/> outbox row commit together, and Identity-Registry keeps its copy in step from the event.
/// </summary>
public sealed class VisibilityChanger(DirectoryDbContext db, TimeProvider clock, ILogger<VisibilityChanger> logger)
{
    /// <summary>An account event may update the row between our read and our write (both are concurrency tokens): retry.</summary>
    private const int Attempts = 3;

    public async Task<DirectoryEntry> SetAsync(Caller caller, VisibilityChange change, CancellationToken cancellationToken)
    {
        VisibilityAccess.Validate(change.Email, change.UnlistedRegional, change.UnlistedNational);
        VisibilityAccess.EnsureMayChangeAny(caller);
        var key = DirectoryEntry.KeyOf(change.Email);

        for (var attempt = 1; ; attempt++)
        {
            var entry = await db.Entries.SingleOrDefaultAsync(e => e.Email == key, cancellationToken);
            if (entry is null || !VisibilityAccess.MayChange(caller, entry))
            {
                // Only operators learn that an address is unknown; others cannot probe which boxes exist.
                if (entry is null && caller.IsOperator)
                    throw new NotFoundException($"Aucune boîte « {change.Email} » dans l'annuaire.");
                throw new PermissionDeniedException($"Vous ne pouvez pas modifier la visibilité de « {change.Email} ».");
            }

            var now = clock.GetUtcNow();
            var before = new { unlistedRegional = entry.UnlistedRegional, unlistedNational = entry.UnlistedNational };
            if (!entry.SetVisibility(change.UnlistedRegional, change.UnlistedNational, now))
                return entry;
            db.AddOutboxMessage(new VisibilityChanged(entry.Email, entry.UnlistedRegional, entry.UnlistedNational,
                entry.VisibilityVersion, caller.DisplayName), now);
            // The audit lives in Identity-Registry: the act's trace leaves with the act, in the same transaction.
            db.AddOutboxMessage(VisibilityAudit.Of(caller, entry, before, now), now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Liste rouge of {Email} set to regional={Regional} national={National} (visibility version {Version})",
                    entry.Email, entry.UnlistedRegional, entry.UnlistedNational, entry.VisibilityVersion);
                return entry;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
