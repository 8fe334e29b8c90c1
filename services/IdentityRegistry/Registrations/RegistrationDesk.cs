using Medimail.ServiceDefaults.Paging;
using Medimail.Contracts;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Audit;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.IdentityRegistry.Enrolment;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Registrations;

internal sealed record NewAccountInput(AccountDraft Draft, string Password);
internal sealed record ExistingAccountInput(string Email, string Password);
internal sealed record RegisterCommand(AccountDraft Box, IReadOnlyList<ExistingAccountInput> Existing, IReadOnlyList<NewAccountInput> New, Guid? RequestId);

/// <summary>
/// Self-registration (seed 002, docs/registration.md). A registration creates the box and the new accounts in
/// PENDING_VALIDATION and attaches the existing ones (only the box changes: its connection accounts); nothing is
/// published until the service centre validates, so a rejection deletes what was created and no other service ever
/// held it. The decision e-mails every applicant through Notification.
/// </summary>
internal sealed class RegistrationDesk(
    IdentityDbContext db, AccountRules rules, AccountLookup lookup, PasswordPolicy passwords, IPasswordHasher<AccountRecord> hasher,
    RegistrationOptions options, TimeProvider clock)
{
    private const string WrongProof = "Adresse ou mot de passe incorrect pour ce compte existant.";

    public async Task<RegistrationRecord> RegisterAsync(RegisterCommand command, CancellationToken cancellationToken)
    {
        if (command.RequestId is { } requestId && await FindByRequestAsync(requestId, cancellationToken) is { } earlier)
            return earlier;

        var violations = new List<FieldViolation>();
        var news = command.New.Select(n => n with { Draft = rules.Normalize(n.Draft) }).ToList();
        var existingEmails = command.Existing.Select(e => (e.Email ?? "").Trim().ToLowerInvariant()).ToList();
        var box = rules.Normalize(command.Box with { ConnectionAccounts = [.. existingEmails, .. news.Select(n => n.Draft.Email ?? "")] });

        if (!string.Equals(box.Type, "ORG", StringComparison.Ordinal))
            violations.Add(new FieldViolation("box.type", "L'inscription en ligne crée une BAL organisationnelle (ORG) partagée par l'équipe."));
        violations.AddRange(Eligibility.Check(rules.Reference, box.Responsible.Profession, box.Responsible.Identifier));
        if (existingEmails.Count + news.Count == 0)
            violations.Add(new FieldViolation("existingAccounts",
                "Rattachez au moins un compte nominatif : un compte Medimail existant ou un nouveau compte à créer."));

        // The box's rules see the new accounts as if they existed (they are created in the same transaction).
        // The structure does not exist yet: the existing accounts named are the applicants' own (each proves its password).
        var known = await lookup.LoadAsync([.. DirectoryLookups.AddressesOf(box), .. news.Select(n => n.Draft.Email ?? "")], structureId: null, cancellationToken);
        var pending = new PendingDirectory(known, news.Where(n => AccountTypes.TryParse(n.Draft.Type, out _))
            .ToDictionary(n => n.Draft.Email ?? "", n => { AccountTypes.TryParse(n.Draft.Type, out var t); return t; }));
        var boxResult = rules.ValidateNormalized(box, pending);
        violations.AddRange(boxResult.WithPrefix("box.").Errors.Select(e => new FieldViolation(e.Field, e.Message)));

        for (var i = 0; i < news.Count; i++)
        {
            var draft = news[i].Draft;
            var prefix = $"newAccounts[{i}]";
            if (!AccountTypes.TryParse(draft.Type, out var type) || !type.IsNominative())
                violations.Add(new FieldViolation($"{prefix}.account.type", "Un nouveau compte nominatif est de type PER, INT ou MED."));
            var result = rules.ValidateNormalized(draft, known);
            violations.AddRange(result.WithPrefix($"{prefix}.account.").Errors.Select(e => new FieldViolation(e.Field, e.Message)));
            violations.AddRange(passwords.Check(news[i].Password, draft.Email ?? "").Select(v => new FieldViolation($"{prefix}.password", v.Description)));
            if (news.Take(i).Any(o => o.Draft.Email == draft.Email) || draft.Email == box.Email)
                violations.Add(new FieldViolation($"{prefix}.account.email", "Cette adresse est déjà donnée plus haut dans l'inscription."));
        }
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);

        // Each existing account proves itself with its password, checked like a sign-in: same answer and same cost
        // whether the address is unknown, not nominative, not enrolled, or the password wrong.
        var existing = new List<AccountRecord>();
        for (var i = 0; i < existingEmails.Count; i++)
        {
            var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Email == existingEmails[i], cancellationToken);
            if (!Proves(account, command.Existing[i].Password))
                violations.Add(new FieldViolation($"existingAccounts[{i}].password", WrongProof));
            else
                existing.Add(account!);
        }
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);

        return await CreateAsync(box, boxResult, news, existing, command.RequestId, cancellationToken);
    }

    private async Task<RegistrationRecord> CreateAsync(
        AccountDraft box, Domain.Validation.ValidationResult boxResult, List<NewAccountInput> news, List<AccountRecord> existing, Guid? requestId,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var (structure, createdStructure) = await StructureOfAsync(box, now, cancellationToken);

        var records = new List<AccountRecord>();
        var boxRecord = AccountFactory.ToRecord(box, AccountType.Org, structure, now, boxResult.Warnings.Select(w => w.Message).ToList());
        boxRecord.State = StateNames.ToApi(AccountState.PendingValidation);
        records.Add(boxRecord);
        foreach (var input in news)
        {
            AccountTypes.TryParse(input.Draft.Type, out var type);
            var record = AccountFactory.ToRecord(input.Draft, type, structure, now, []);
            record.State = StateNames.ToApi(AccountState.PendingValidation);
            record.PasswordHash = hasher.HashPassword(record, input.Password);
            records.Add(record);
        }
        db.Accounts.AddRange(records);

        var registration = new RegistrationRecord
        {
            Id = Guid.CreateVersion7(),
            BoxEmail = boxRecord.Email,
            StructureId = structure.Id,
            CreatedStructure = createdStructure,
            NewAccounts = news.Select(n => n.Draft.Email!).ToList(),
            ExistingAccounts = existing.Select(a => a.Email).ToList(),
            CreatedAt = now,
        };
        db.Set<RegistrationRecord>().Add(registration);
        if (requestId is { } key)
            db.IdempotencyKeys.Add(new IdempotencyRecord { RequestId = key, Operation = "Register", ResourceId = registration.Id.ToString(), CreatedAt = now });
        AuditTrail.Add(db, new AuditDraft(AuditActor.Anonymous(boxRecord.Email), "Register", boxRecord.Email, structure.Id,
            After: new { registrationId = registration.Id, newAccounts = registration.NewAccounts, existingAccounts = registration.ExistingAccounts }), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            if (requestId is { } raced)
            {
                db.ChangeTracker.Clear();
                if (await FindByRequestAsync(raced, cancellationToken) is { } winner)
                    return winner;
            }
            throw new AlreadyExistsException("Une des adresses de l'inscription vient d'être prise par un autre compte : vérifiez-les et recommencez.", "box.email");
        }
        return registration;
    }

    public async Task<(List<RegistrationRecord> Page, int Total, string Next)> ListAsync(Caller caller, string state, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        EnsureOperator(caller);
        var size = PageSize.Resolve(pageSize);
        var scope = $"registrations|{state}";
        var query = db.Set<RegistrationRecord>().AsNoTracking().Where(r => r.State == state);
        var total = await query.CountAsync(cancellationToken);
        var offset = PageTokens.Decode<RegistrationsFrom>(pageToken, scope)?.Offset ?? 0;
        var page = await query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Skip(offset).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? PageTokens.Encode(new RegistrationsFrom(offset + size), scope) : "";
        return (page.Take(size).ToList(), total, next);
    }

    public async Task<RegistrationRecord> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        EnsureOperator(caller);
        return await FindAsync(id, tracking: false, cancellationToken);
    }

    /// <summary>The accounts a registration names, as they are now (the box first).</summary>
    public Task<List<AccountRecord>> AccountsOfAsync(RegistrationRecord r, CancellationToken cancellationToken)
    {
        var emails = new[] { r.BoxEmail }.Concat(r.NewAccounts).Concat(r.ExistingAccounts).ToList();
        return db.Accounts.AsNoTracking().Where(a => emails.Contains(a.Email)).ToListAsync(cancellationToken);
    }

    public async Task<RegistrationRecord> ValidateAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        EnsureOperator(caller);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var registration = await PendingAsync(id, cancellationToken);
        var now = clock.GetUtcNow();
        var emails = new[] { registration.BoxEmail }.Concat(registration.NewAccounts).ToList();
        var accounts = await db.Accounts.Where(a => emails.Contains(a.Email)).ToListAsync(cancellationToken);
        var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == registration.StructureId, cancellationToken);
        foreach (var account in accounts)
        {
            var previous = account.State;
            var step = AccountLifecycle.Validate(StateNames.FromApi(previous));
            if (!step.Succeeded)
                throw new FailedPreconditionException($"Le compte {account.Email} n'est plus en attente de validation : {step.Error}");
            account.State = step.To.ToApi();
            account.UpdatedAt = now;
            account.Version++;
            // The first the Directory and the Mailbox hear of these accounts: they were never published while pending.
            db.AddOutboxMessage(new AccountCreated(account.ToSnapshot(structure), caller.DisplayName), now);
            AuditTrail.Add(db, new AuditDraft(AuditActor.Of(caller), "ValidateRegistration", account.Email, structure.Id,
                Before: new { state = previous }, After: new { state = account.State, registrationId = registration.Id }), now);
        }
        registration.State = RegistrationStates.Validated;
        registration.DecidedBy = caller.DisplayName;
        registration.DecidedAt = now;
        await NotifyApplicantsAsync(registration, "REGISTRATION_VALIDATED", null, caller, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return registration;
    }

    public async Task<RegistrationRecord> RejectAsync(Caller caller, string id, string reason, CancellationToken cancellationToken)
    {
        EnsureOperator(caller);
        var why = (reason ?? "").Trim();
        if (why.Length is 0 or > 1000)
            throw new ValidationFailedException("reason", "Indiquez la raison du refus (1000 caractères au plus) : elle est envoyée aux demandeurs.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var registration = await PendingAsync(id, cancellationToken);
        var now = clock.GetUtcNow();
        // Mails first: they need the names of accounts about to be deleted.
        await NotifyApplicantsAsync(registration, "REGISTRATION_REJECTED", why, caller, now, cancellationToken);
        var created = new[] { registration.BoxEmail }.Concat(registration.NewAccounts).ToList();
        await db.Accounts.Where(a => created.Contains(a.Email) && a.State == "PENDING_VALIDATION").ExecuteDeleteAsync(cancellationToken);
        if (registration.CreatedStructure && !await db.Accounts.AnyAsync(a => a.StructureId == registration.StructureId, cancellationToken))
            await db.Structures.Where(s => s.Id == registration.StructureId).ExecuteDeleteAsync(cancellationToken);
        registration.State = RegistrationStates.Rejected;
        registration.Reason = why;
        registration.DecidedBy = caller.DisplayName;
        registration.DecidedAt = now;
        AuditTrail.Add(db, new AuditDraft(AuditActor.Of(caller), "RejectRegistration", registration.BoxEmail, null,
            After: new { registrationId = registration.Id, deleted = created, reason = why }), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return registration;
    }

    private async Task NotifyApplicantsAsync(RegistrationRecord registration, string kind, string? reason, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var emails = registration.NewAccounts.Concat(registration.ExistingAccounts).Append(registration.BoxEmail).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => emails.Contains(a.Email))
            .ToDictionaryAsync(a => a.Email, a => $"{a.FirstName} {a.LastName}".Trim(), cancellationToken);
        foreach (var email in emails)
        {
            db.AddOutboxMessage(new AccountNoticeRequested(kind, email, new Dictionary<string, string>
            {
                ["displayName"] = names.GetValueOrDefault(email, ""),
                ["address"] = email,
                ["boxAddress"] = registration.BoxEmail,
                ["reason"] = reason ?? "",
            }, caller.DisplayName), now);
        }
    }

    private bool Proves(AccountRecord? account, string? password)
    {
        if (account is null || account.PasswordHash is null || !AccountTypes.TryParse(account.Type, out var type) || !type.IsNominative()
            || account.State != "ACTIVE" || string.IsNullOrEmpty(password))
        {
            // The same PBKDF2 cost as a real check: the answer's time tells nothing about the address.
            hasher.VerifyHashedPassword(new AccountRecord(), DummyHash.Value, password ?? "");
            return false;
        }
        return hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    private Lazy<string> DummyHash => new(() => hasher.HashPassword(new AccountRecord(), "medimail-registration-dummy"));

    private async Task<(StructureRecord Structure, bool Created)> StructureOfAsync(AccountDraft box, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StructureIdentifierTypes.TryParse(box.StructureIdentifierType, out var type);
        var nationalId = NationalIds.ForStructure(type, box.StructureIdentifier!);
        if (await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.NationalId == nationalId, cancellationToken) is { } found)
            return (found, false);
        var structure = new StructureRecord
        {
            Id = Guid.CreateVersion7(),
            Name = box.LegalName ?? $"{box.LastName} {box.FirstName}".Trim(),
            IdentifierType = type.ToCode(),
            Identifier = box.StructureIdentifier!,
            NationalId = nationalId,
            MssanteDomain = options.MssanteDomain,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Structures.Add(structure);
        return (structure, true);
    }

    private async Task<RegistrationRecord> PendingAsync(string id, CancellationToken cancellationToken)
    {
        var registration = await FindAsync(id, tracking: true, cancellationToken);
        if (registration.State != RegistrationStates.Pending)
            throw new FailedPreconditionException($"Cette inscription a déjà été traitée ({registration.State}).");
        // Two operators deciding at once: the second waits here, then finds it decided.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM registrations WHERE id = {registration.Id} FOR UPDATE", cancellationToken);
        await db.Entry(registration).ReloadAsync(cancellationToken);
        if (registration.State != RegistrationStates.Pending)
            throw new FailedPreconditionException($"Cette inscription a déjà été traitée ({registration.State}).");
        return registration;
    }

    private async Task<RegistrationRecord> FindAsync(string id, bool tracking, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var key))
            throw new ValidationFailedException("id", "L'identifiant de l'inscription est invalide.");
        var query = tracking ? db.Set<RegistrationRecord>() : db.Set<RegistrationRecord>().AsNoTracking();
        return await query.FirstOrDefaultAsync(r => r.Id == key, cancellationToken)
            ?? throw new NotFoundException($"Aucune inscription {id}.");
    }

    private async Task<RegistrationRecord?> FindByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var key = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.RequestId == requestId, cancellationToken);
        if (key is null) return null;
        if (key.Operation != "Register")
            throw new ValidationFailedException("requestId", "Ce requestId a déjà servi à une autre opération.");
        return await db.Set<RegistrationRecord>().AsNoTracking().FirstAsync(r => r.Id == Guid.Parse(key.ResourceId), cancellationToken);
    }

    private static void EnsureOperator(Caller caller)
    {
        if (!caller.IsOperator)
            throw new PermissionDeniedException("Seul le centre de services (opérateur) traite les inscriptions.");
    }

    /// <summary>The database's accounts plus the ones this registration is about to create.</summary>
    private sealed class PendingDirectory(IAccountDirectory stored, Dictionary<string, AccountType> pending) : IAccountDirectory
    {
        public AccountType? FindType(string email) =>
            pending.TryGetValue(email.Trim().ToLowerInvariant(), out var type) ? type : stored.FindType(email);
    }
}

/// <summary><c>Registration:MssanteDomain</c>: the MSSanté domain of a structure a registration creates (default medimail.mssante.fr).</summary>
internal sealed class RegistrationOptions
{
    public const string Section = "Registration";

    public string MssanteDomain { get; set; } = "medimail.mssante.fr";
}

/// <summary>Where the next page of the queue starts (the queue is short: an offset is enough).</summary>
internal sealed record RegistrationsFrom(int Offset);
