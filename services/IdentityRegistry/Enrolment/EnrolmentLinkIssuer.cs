using Medimail.Contracts;
using Medimail.IdentityRegistry.Data;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>
/// Issues the links and stages their invitations in the caller's DbContext (in bulk inside the caller's transaction). One invitation with no relaunch goes
/// out as <see cref="EnrolmentInvitationRequested"/>; a relaunch or several accounts as
/// <see cref="EnrolmentInvitationsRequested"/> batches, so a structure of thousands is a handful of messages.
/// </summary>
internal sealed class EnrolmentLinkIssuer(IdentityDbContext db, IOptions<EnrolmentOptions> options, TimeProvider clock) : IEnrolmentLinkIssuer
{
    /// <summary>Invitations per event: small enough that Notification queues and starts sending the first ones early.</summary>
    public const int BatchSize = 250;
    private const string PreRegistered = "PRE_REGISTERED";

    public async Task<int> StageInvitationsAsync(
        IReadOnlyList<AccountRecord> accounts, StructureRecord structure, string requestedBy, string? relaunchId,
        CancellationToken cancellationToken)
    {
        var recipients = accounts.Where(a => a.State == PreRegistered).DistinctBy(a => a.Email).ToList();
        if (recipients.Count == 0)
            return 0;

        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.LinkLifetime;
        var links = new List<EnrolmentLinkRecord>(recipients.Count);
        var invitations = new List<EnrolmentInvitation>(recipients.Count);
        foreach (var account in recipients)
        {
            var token = EnrolmentTokens.NewToken();
            links.Add(new EnrolmentLinkRecord
            {
                Id = Guid.CreateVersion7(),
                TokenHash = EnrolmentTokens.Hash(token),
                Email = account.Email,
                CreatedAt = now,
                ExpiresAt = expiresAt,
                RequestedBy = requestedBy,
                RelaunchId = relaunchId,
            });
            invitations.Add(new EnrolmentInvitation(account.Email, DisplayName(account), options.Value.LinkFor(token), expiresAt));
        }

        // Inside the caller's transaction (a relaunch, an import batch): two statements whatever the count. Otherwise
        // (one account created or invited) tracked entities, saved by the caller's SaveChanges with its account.
        if (db.Database.CurrentTransaction is not null)
            await EnrolmentLinkWriter.ReplaceAsync(db, links, cancellationToken);
        else
            await ReplaceTrackedAsync(links, cancellationToken);

        if (invitations.Count == 1 && relaunchId is null)
        {
            var one = invitations[0];
            db.AddOutboxMessage(new EnrolmentInvitationRequested(
                one.Email, structure.Id.ToString(), structure.Name, one.DisplayName, one.EnrolmentUrl, one.ExpiresAt, requestedBy, null), now);
        }
        else
        {
            foreach (var batch in invitations.Chunk(BatchSize))
                db.AddOutboxMessage(new EnrolmentInvitationsRequested(structure.Id.ToString(), structure.Name, requestedBy, relaunchId, batch), now);
        }
        return invitations.Count;
    }

    public static string DisplayName(AccountRecord account) =>
        string.Join(' ', new[] { account.FirstName, account.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));

    /// <summary>Tracked removals, so they commit with the new links: a failed save leaves the old link working.</summary>
    private async Task ReplaceTrackedAsync(List<EnrolmentLinkRecord> links, CancellationToken cancellationToken)
    {
        var set = db.Set<EnrolmentLinkRecord>();
        var emails = links.Select(l => l.Email).ToList();
        set.RemoveRange(await set.Where(l => emails.Contains(l.Email)).ToListAsync(cancellationToken));
        set.AddRange(links);
    }
}
