using Medimail.Contracts;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>
/// What a person does with the link. A used, replaced, expired or unknown token, or one whose account is no longer
/// pre-registered, all get the same NOT_FOUND with the same text: the answer never tells which tokens once existed.
/// </summary>
internal sealed class EnrolmentRegistry(
    IdentityDbContext db, PasswordPolicy policy, IPasswordHasher<AccountRecord> hasher,
    IOptions<EnrolmentOptions> options, TimeProvider clock)
{
    public const string InvalidLink = "Ce lien d'inscription est invalide ou a expiré. Demandez un nouveau lien à votre administrateur.";

    public async Task<EnrolmentView> GetAsync(string token, CancellationToken cancellationToken)
    {
        var (_, account) = await FindLiveAsync(token, tracking: false, cancellationToken);
        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == account.StructureId, cancellationToken);
        return new EnrolmentView(account, structure.Name, options.Value.TermsVersion);
    }

    public async Task<EnrolmentView> CompleteAsync(string token, string password, string acceptedTermsVersion, CancellationToken cancellationToken)
    {
        var (link, account) = await FindLiveAsync(token, tracking: true, cancellationToken);
        var terms = options.Value.TermsVersion;
        var violations = policy.Check(password, account.Email).ToList();
        if (string.IsNullOrWhiteSpace(acceptedTermsVersion))
            violations.Add(new FieldViolation("acceptedTermsVersion", "Vous devez accepter les conditions générales d'utilisation."));
        else if (acceptedTermsVersion.Trim() != terms)
            violations.Add(new FieldViolation("acceptedTermsVersion",
                $"Les conditions générales d'utilisation ont changé (version {terms}) : relisez-les et acceptez la version en vigueur."));
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);

        var step = AccountLifecycle.CompleteEnrolment(StateNames.FromApi(account.State));
        if (!step.Succeeded)
            throw new NotFoundException(InvalidLink);

        var now = clock.GetUtcNow();
        var previous = account.State;
        account.PasswordHash = hasher.HashPassword(account, password);
        account.State = step.To.ToApi();
        account.UpdatedAt = now;
        account.Version++;
        db.Set<TermsAcceptanceRecord>().Add(new TermsAcceptanceRecord { Id = Guid.CreateVersion7(), Email = account.Email, TermsVersion = terms, AcceptedAt = now });
        // Every link of the account dies, not only this one: none may reset the password later.
        db.Set<EnrolmentLinkRecord>().RemoveRange(await db.Set<EnrolmentLinkRecord>().Where(l => l.Email == account.Email).ToListAsync(cancellationToken));
        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == account.StructureId, cancellationToken);
        db.AddOutboxMessage(new AccountStateChanged(account.ToSnapshot(structure), previous, account.Email), now);
        Audit.AuditTrail.Add(db, new Audit.AuditDraft(new Audit.AuditActor(account.Email, ServiceDefaults.Auth.Roles.Person), "CompleteEnrolment",
            account.Email, structure.Id, Before: new { state = previous }, After: new { state = account.State, termsVersion = terms }), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same link submitted twice at once, or the account changed meanwhile: the first completion won.
            throw new NotFoundException(InvalidLink);
        }
        return new EnrolmentView(account, structure.Name, terms);
    }

    private async Task<(EnrolmentLinkRecord Link, AccountRecord Account)> FindLiveAsync(string token, bool tracking, CancellationToken cancellationToken)
    {
        if (!EnrolmentTokens.LooksValid(token))
            throw new NotFoundException(InvalidLink);
        var hash = EnrolmentTokens.Hash(token);
        var links = tracking ? db.Set<EnrolmentLinkRecord>() : db.Set<EnrolmentLinkRecord>().AsNoTracking();
        var link = await links.FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || link.ExpiresAt <= clock.GetUtcNow())
            throw new NotFoundException(InvalidLink);
        var accounts = tracking ? db.Accounts : db.Accounts.AsNoTracking();
        var account = await accounts.FirstOrDefaultAsync(a => a.Email == link.Email, cancellationToken);
        if (account is null || account.State != AccountState.PreRegistered.ToApi())
            throw new NotFoundException(InvalidLink);
        return (link, account);
    }
}

internal sealed record EnrolmentView(AccountRecord Account, string StructureName, string TermsVersion);
