using Medimail.Contracts;
using Medimail.IdentityRegistry.Audit;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Enrolment;
using Medimail.IdentityRegistry.Structures;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>
/// Account use cases. Each change and its integration event are saved in one transaction (the outbox), so the
/// directory and the mailboxes learn of every account exactly as it was committed.
/// </summary>
internal sealed class AccountRegistry(IdentityDbContext db, AccountFactory factory, IEnrolmentLinkIssuer invitations, TimeProvider clock)
{
    public async Task<AccountRecord> CreateAsync(Caller caller, CreateAccountCommand command, CancellationToken cancellationToken)
    {
        var structure = await LoadManagedStructureAsync(caller, command.StructureId, cancellationToken);
        if (caller.IsConnector && !caller.IsOperator && !string.Equals(command.Draft.Type, "APP", StringComparison.OrdinalIgnoreCase))
            throw new PermissionDeniedException("Un connecteur ne crée que des BAL applicatives (APP) de sa structure.");
        var scope = structure.Id.ToString();
        if (command.RequestId is { } requestId && await FindByRequestAsync(requestId, caller, scope, cancellationToken) is { } earlier)
            return earlier;

        var now = clock.GetUtcNow();
        var account = await factory.CreateAsync(command.Draft, structure, now, cancellationToken);
        db.Accounts.Add(account);
        db.AddOutboxMessage(new AccountCreated(account.ToSnapshot(structure), caller.DisplayName), now);
        AuditTrail.Add(db, new AuditDraft(AuditActor.Of(caller), "CreateAccount", account.Email, structure.Id,
            After: new { type = account.Type, state = account.State, lastName = account.LastName, firstName = account.FirstName,
                connectionAccounts = account.ConnectionAccounts, mssanteAddress = account.MssanteAddress, invited = command.SendInvitation }), now);
        // Same SaveChanges: the link exists exactly when the account does (ORG and APP, active at once, get none).
        if (command.SendInvitation)
            await invitations.StageInvitationsAsync([account], structure, caller.DisplayName, null, cancellationToken);
        if (command.RequestId is { } key)
            db.IdempotencyKeys.Add(key.Record("CreateAccount", account.Email, caller.Subject, scope, now));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // Two creations raced past the validation's look-up; the database's key decides.
            if (unique.ConstraintName?.Contains("idempotency", StringComparison.Ordinal) == true && command.RequestId is { } raced)
            {
                db.ChangeTracker.Clear();
                if (await FindByRequestAsync(raced, caller, scope, cancellationToken) is { } winner)
                    return winner;
            }
            throw new AlreadyExistsException($"Un compte {account.Email} existe déjà.", "account.email");
        }
        return account;
    }

    /// <summary>
    /// PATCH semantics: the masked fields of the submitted account replace the stored ones, through the rules of a create;
    /// the etag must be the stored version's (a stale one is refused, as is a concurrent change between our read and our
    /// write). The event carries the whole account and the names of the fields that changed; the audit their values.
    /// </summary>
    public async Task<AccountRecord> UpdateAsync(Caller caller, UpdateAccountCommand command, CancellationToken cancellationToken)
    {
        var account = await FindAsync(command.Email, cancellationToken, tracking: true);
        EnsureCanSee(caller, account);
        if (caller.IsConnector && !caller.IsOperator && account.Type != "APP")
            throw new PermissionDeniedException("Un connecteur ne modifie que les BAL applicatives (APP) de sa structure.");
        if (string.IsNullOrWhiteSpace(command.Etag) || command.Etag.Trim() != Grpc.Etags.Of(account.Version))
            throw new FailedPreconditionException(
                "Le compte a changé depuis votre lecture (etag absent ou périmé) : relisez-le, puis refaites la modification.", staleEtag: true);

        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == account.StructureId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var (before, after, warnings) = await factory.EditAsync(account, command.Draft, command.Mask, structure, now, cancellationToken);
        var changes = UpdateMask.Changes(before, after, command.Mask);
        if (changes.Count == 0)
            return account;

        AccountFactory.WriteEditable(account, after, structure, warnings);
        account.UpdatedAt = now;
        account.Version++;
        var changed = changes.Select(c => c.Field).ToList();
        db.AddOutboxMessage(new AccountUpdated(account.ToSnapshot(structure), caller.DisplayName, changed), now);
        AuditTrail.Add(db, new AuditDraft(AuditActor.Of(caller), "UpdateAccount", account.Email, structure.Id,
            Before: changes.ToDictionary(c => c.Field, c => c.Before), After: changes.ToDictionary(c => c.Field, c => c.After)), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new FailedPreconditionException(
                "Le compte a été modifié pendant votre modification : relisez-le, puis refaites la modification.", staleEtag: true);
        }
        return account;
    }

    public async Task<AccountRecord> GetAsync(Caller caller, string email, CancellationToken cancellationToken)
    {
        var account = await FindAsync(email, cancellationToken, tracking: false);
        EnsureCanSee(caller, account);
        return account;
    }

    public async Task<(List<AccountRecord> Page, int Total, string NextToken)> SearchAsync(
        Caller caller, AccountFilter filter, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var size = PageSize.Resolve(pageSize);
        var scope = filter.PageScope;
        var query = db.Accounts.AsNoTracking().ListableBy(caller, filter);

        var total = await query.CountAsync(cancellationToken);
        // Keyset on the address (unique): a page never repeats or skips rows when accounts are added meanwhile.
        if (PageTokens.Decode<AccountsAfter>(pageToken, scope) is { } after)
            query = query.Where(a => string.Compare(a.Email, after.Email) > 0);
        var page = await query.OrderBy(a => a.Email).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? PageTokens.Encode(new AccountsAfter(page[size - 1].Email), scope) : "";
        return (page.Take(size).ToList(), total, next);
    }

    public Task<AccountRecord> DisableAsync(Caller caller, string email, CancellationToken cancellationToken) =>
        TransitionAsync(caller, "DisableAccount", email, (account, state) =>
        {
            var step = AccountLifecycle.Disable(state);
            if (step.Succeeded) account.StateBeforeDisable = state.ToApi();
            return step;
        }, cancellationToken);

    public Task<AccountRecord> EnableAsync(Caller caller, string email, CancellationToken cancellationToken) =>
        TransitionAsync(caller, "EnableAccount", email, (account, state) =>
        {
            var before = account.StateBeforeDisable is { } s ? StateNames.FromApi(s) : (AccountState?)null;
            AccountTypes.TryParse(account.Type, out var type);
            var step = AccountLifecycle.Enable(type, state, before);
            if (step.Succeeded) account.StateBeforeDisable = null;
            return step;
        }, cancellationToken);

    public Task<AccountRecord> ValidateAsync(Caller caller, string email, CancellationToken cancellationToken)
    {
        if (!caller.IsOperator)
            throw new PermissionDeniedException("Seul le centre de services (opérateur) valide les inscriptions.");
        return TransitionAsync(caller, "ValidateAccount", email, (_, state) => AccountLifecycle.Validate(state), cancellationToken);
    }

    private async Task<AccountRecord> TransitionAsync(
        Caller caller, string action, string email, Func<AccountRecord, AccountState, StateTransition> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryTransitionAsync(caller, action, email, decide, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Another writer (a sign-in stamping last_sign_in_at, an edit) changed the row since it was read. A state
                // change carries no etag: it is decided again on the latest version.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<AccountRecord> TryTransitionAsync(
        Caller caller, string action, string email, Func<AccountRecord, AccountState, StateTransition> decide, CancellationToken cancellationToken)
    {
        var account = await FindAsync(email, cancellationToken, tracking: true);
        EnsureCanSee(caller, account);
        var previous = account.State;
        var step = decide(account, StateNames.FromApi(previous));
        if (!step.Succeeded)
            throw new FailedPreconditionException(step.Error!);

        var now = clock.GetUtcNow();
        account.State = step.To.ToApi();
        account.UpdatedAt = now;
        account.Version++;
        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == account.StructureId, cancellationToken);
        db.AddOutboxMessage(new AccountStateChanged(account.ToSnapshot(structure), previous, caller.DisplayName), now);
        AuditTrail.Add(db, new AuditDraft(AuditActor.Of(caller), action, account.Email, structure.Id,
            Before: new { state = previous }, After: new { state = account.State }), now);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    private async Task<StructureRecord> LoadManagedStructureAsync(Caller caller, string structureId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(structureId))
            throw new ValidationFailedException("structureId", "La structure du compte est obligatoire.");
        var id = StructureRegistry.ParseId(structureId, "structureId");
        if (!caller.Manages(id.ToString()))
            throw new PermissionDeniedException("Vous n'administrez pas cette structure.");
        return await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new ValidationFailedException("structureId", $"Aucune structure {structureId}.");
    }

    private async Task<AccountRecord> FindAsync(string email, CancellationToken cancellationToken, bool tracking)
    {
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (address.Length == 0)
            throw new ValidationFailedException("email", "L'adresse du compte est obligatoire.");
        var query = tracking ? db.Accounts : db.Accounts.AsNoTracking();
        return await query.FirstOrDefaultAsync(a => a.Email == address, cancellationToken)
            ?? throw new NotFoundException($"Aucun compte {address}.");
    }

    private async Task<AccountRecord?> FindByRequestAsync(Grpc.IdempotencyKey request, Caller caller, string scope, CancellationToken cancellationToken)
    {
        var key = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.RequestId == request.Id, cancellationToken);
        if (key is null) return null;
        if (key.Operation != "CreateAccount")
            throw new ValidationFailedException("requestId", "Ce requestId a déjà servi à une autre opération.");
        request.EnsureSameRequest(key, caller.Subject, scope);
        return await db.Accounts.AsNoTracking().FirstAsync(a => a.Email == key.ResourceId, cancellationToken);
    }

    /// <summary>Not found rather than forbidden: an address outside one's structures is not confirmed to exist.</summary>
    private static void EnsureCanSee(Caller caller, AccountRecord account)
    {
        var allowed = caller.Manages(account.StructureId.ToString()) && (!caller.IsConnector || caller.IsOperator || account.Type == "APP");
        if (!allowed)
            throw new NotFoundException($"Aucun compte {account.Email}.");
    }
}

internal sealed record UpdateAccountCommand(string Email, string Etag, AccountDraft Draft, IReadOnlyList<string> Mask);

internal sealed record CreateAccountCommand(string StructureId, AccountDraft Draft, bool SendInvitation, Grpc.IdempotencyKey? RequestId);
