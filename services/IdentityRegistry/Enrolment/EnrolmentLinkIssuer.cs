using Medimail.Contracts;
using Medimail.IdentityRegistry.Data;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>
/// Issues the links and stages their invitations in the caller's DbContext. One invitation with no relaunch goes
/// out as <see cref="EnrolmentInvitationRequested"/>; a relaunch or several accounts as
/// <see cref="EnrolmentInvitationsRequested"/> batches, so a structure of thousands is a handful of messages.
/// </summary>
internal sealed class EnrolmentLinkIssuer(IdentityDbContext db, IOptions<EnrolmentOptions> options, TimeProvider clock) : IEnrolmentLinkIssuer
{
    public const int BatchSize = 500;
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
        await RemoveOlderLinksAsync(recipients.Select(a => a.Email).ToList(), cancellationToken);

        var invitations = new List<EnrolmentInvitation>(recipients.Count);
        foreach (var account in recipients)
        {
            var token = EnrolmentTokens.NewToken();
            db.Set<EnrolmentLinkRecord>().Add(new EnrolmentLinkRecord
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
    private async Task RemoveOlderLinksAsync(List<string> emails, CancellationToken cancellationToken)
    {
        var links = db.Set<EnrolmentLinkRecord>();
        foreach (var chunk in emails.Chunk(1000))
        {
            var older = await links.Where(l => chunk.Contains(l.Email)).ToListAsync(cancellationToken);
            links.RemoveRange(older);
        }
    }
}
