using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Structures;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>An administrator's requests for fresh links: one account (SendInvitation), or a structure's relaunch.</summary>
internal sealed class Invitations(IdentityDbContext db, IEnrolmentLinkIssuer issuer)
{
    private const string PreRegistered = "PRE_REGISTERED";

    public async Task<AccountRecord> SendOneAsync(Caller caller, string email, CancellationToken cancellationToken)
    {
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (address.Length == 0)
            throw new ValidationFailedException("email", "L'adresse du compte est obligatoire.");
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Email == address, cancellationToken);
        // Not found rather than forbidden, as AccountRegistry answers: an address outside one's structures is not confirmed.
        if (account is null || !caller.Manages(account.StructureId.ToString()) || (caller.IsConnector && !caller.IsOperator && account.Type != "APP"))
            throw new NotFoundException($"Aucun compte {address}.");
        if (account.State != PreRegistered)
            throw new FailedPreconditionException(
                $"Seul un compte préinscrit reçoit un lien d'inscription (état actuel : {StateNames.FromApi(account.State).ToFrench()}).");

        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == account.StructureId, cancellationToken);
        await issuer.StageInvitationsAsync([account], structure, caller.DisplayName, null, cancellationToken);
        Audit.AuditTrail.Add(db, new Audit.AuditDraft(Audit.AuditActor.Of(caller), "SendInvitation", account.Email, structure.Id));
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Every pre-registered account of the structure gets a fresh link, tagged with the relaunch.</summary>
    /// <remarks>
    /// Only a platform service calls this (the internal policy has checked its identity): Notification, which has let
    /// <paramref name="requester"/> relaunch this structure, as an operator or one of its administrators.
    /// </remarks>
    public async Task<(IReadOnlyList<string> Recipients, string StructureName)> RelaunchAsync(
        string structureId, string relaunchId, Audit.AuditActor requester, CancellationToken cancellationToken)
    {
        var id = StructureRegistry.ParseId(structureId, "structureId");
        if (string.IsNullOrWhiteSpace(requester.Name))
            throw new ValidationFailedException("requestedBy", "Le demandeur de la relance est obligatoire.");
        if (requester.Role is not (ServiceDefaults.Auth.Roles.Operator or ServiceDefaults.Auth.Roles.StructureAdmin))
            throw new ValidationFailedException("requestedByRole", "Rôle du demandeur invalide (operator ou structure_admin attendu).");
        if (string.IsNullOrWhiteSpace(relaunchId))
            throw new ValidationFailedException("relaunchId", "L'identifiant de la relance est obligatoire.");
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Aucune structure {structureId}.");

        // A retried call (the caller timed out after the commit) must not issue a second round that kills the links
        // of the first, already on their way: the same relaunch id answers with the recipients it reached.
        var relaunch = relaunchId.Trim();
        var reached = await db.Set<EnrolmentLinkRecord>().AsNoTracking()
            .Where(l => l.RelaunchId == relaunch && db.Accounts.Any(a => a.Email == l.Email && a.StructureId == id)).Select(l => l.Email).OrderBy(e => e).ToListAsync(cancellationToken);
        if (reached.Count > 0)
            return (reached, structure.Name);

        // One transaction: the links are written in bulk (EnrolmentLinkWriter) and commit with their events, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.StructureId == id && a.State == PreRegistered)
            .OrderBy(a => a.Email)
            .ToListAsync(cancellationToken);
        var by = requester.Name.Trim();
        await issuer.StageInvitationsAsync(accounts, structure, by, relaunch, cancellationToken);
        // Notification asked for this relaunch on behalf of "by"; the links and their trace commit together here.
        Audit.AuditTrail.Add(db, new Audit.AuditDraft(requester with { Name = by }, "Relaunch", structure.Id.ToString(), structure.Id,
            After: new { relaunchId = relaunch, recipients = accounts.Count }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (accounts.Select(a => a.Email).ToList(), structure.Name);
    }
}
