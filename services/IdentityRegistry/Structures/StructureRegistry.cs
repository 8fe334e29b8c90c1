using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Structures;

/// <summary>Structures and their administrators (connectors: <see cref="ConnectorRegistry"/>).</summary>
internal sealed class StructureRegistry(IdentityDbContext db, TimeProvider clock)
{
    public async Task<StructureRecord> CreateAsync(Caller caller, StructureInput input, Grpc.IdempotencyKey? requestId, CancellationToken cancellationToken)
    {
        if (!caller.IsOperator)
            throw new PermissionDeniedException("Seul un opérateur du centre de services crée des structures.");
        if (requestId is { } id && await FindByRequestAsync(id, caller, cancellationToken) is { } earlier)
            return earlier;

        var valid = StructureRules.Validate(input);
        if (await db.Structures.AnyAsync(s => s.NationalId == valid.NationalId, cancellationToken))
            throw new AlreadyExistsException($"Une structure porte déjà l'identifiant national {valid.NationalId}.", "identifier");

        var now = clock.GetUtcNow();
        var structure = new StructureRecord
        {
            Id = Guid.CreateVersion7(),
            Name = valid.Name,
            IdentifierType = valid.IdentifierType,
            Identifier = valid.Identifier,
            NationalId = valid.NationalId,
            MssanteDomain = valid.MssanteDomain,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Structures.Add(structure);
        if (requestId is { } key)
            db.IdempotencyKeys.Add(key.Record("CreateStructure", structure.Id.ToString(), caller.Subject, "", now));
        Audit.AuditTrail.Add(db, new Audit.AuditDraft(Audit.AuditActor.Of(caller), "CreateStructure", structure.Id.ToString(), structure.Id,
            After: new { name = structure.Name, nationalId = structure.NationalId, mssanteDomain = structure.MssanteDomain }), now);
        await db.SaveChangesAsync(cancellationToken);
        return structure;
    }

    public async Task<StructureRecord> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var structureId = ParseId(id, "id");
        if (!caller.Manages(structureId.ToString()))
            throw new PermissionDeniedException("Vous n'administrez pas cette structure.");
        return await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == structureId, cancellationToken)
            ?? throw new NotFoundException($"Aucune structure {id}.");
    }

    public async Task<(List<StructureRecord> Page, int Total, string NextToken)> ListAsync(
        Caller caller, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var size = PageSize.Resolve(pageSize);
        var query = db.Structures.AsNoTracking();
        if (!caller.IsOperator)
        {
            var mine = caller.StructureIds.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).ToList();
            query = query.Where(s => mine.Contains(s.Id));
        }
        var total = await query.CountAsync(cancellationToken);
        // Few structures per operator: an offset in creation order is stable enough here.
        var offset = PageTokens.Decode<StructuresAt>(pageToken, StructuresAt.Scope)?.Offset ?? 0;
        var page = await query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Skip(offset).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? PageTokens.Encode(new StructuresAt(offset + size), StructuresAt.Scope) : "";
        return (page.Take(size).ToList(), total, next);
    }

    /// <summary>
    /// Operator only, so a person of another structure administers this one only when an operator decides it.
    /// The account must be ACTIVE and nominative (PER, INT, MED): the admin signs in with it.
    /// </summary>
    public async Task<StructureRecord> AddAdminAsync(Caller caller, string id, string email, CancellationToken cancellationToken)
    {
        if (!caller.IsOperator)
            throw new PermissionDeniedException("Seul un opérateur nomme les administrateurs d'une structure.");
        var structureId = ParseId(id, "structureId");
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (address.Length == 0)
            throw new ValidationFailedException("email", "L'adresse de l'administrateur est obligatoire.");
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Email == address, cancellationToken)
            ?? throw new ValidationFailedException("email", $"Aucun compte {address} : l'administrateur doit avoir un compte nominatif.");
        if (account.Type is "ORG" or "APP")
            throw new ValidationFailedException("email", "Un administrateur doit être un compte nominatif (PER, INT ou MED), pas une BAL ORG ou APP.");
        if (account.State != "ACTIVE")
            throw new ValidationFailedException("email",
                $"Le compte {address} n'est pas actif ({account.State}) : la personne doit d'abord avoir finalisé son inscription.");

        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == structureId, cancellationToken)
            ?? throw new NotFoundException($"Aucune structure {id}.");
        if (!structure.AdminEmails.Contains(address))
        {
            structure.AdminEmails = [.. structure.AdminEmails, address];
            await SaveAdminsAsync(caller, structure, address, SecurityActions.AdminGranted, cancellationToken);
        }
        return structure;
    }

    /// <summary>Operator only; the person's next token no longer names the structure.</summary>
    public async Task<StructureRecord> RemoveAdminAsync(Caller caller, string id, string email, CancellationToken cancellationToken)
    {
        if (!caller.IsOperator)
            throw new PermissionDeniedException("Seul un opérateur retire les administrateurs d'une structure.");
        var structureId = ParseId(id, "structureId");
        var address = (email ?? "").Trim().ToLowerInvariant();
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == structureId, cancellationToken)
            ?? throw new NotFoundException($"Aucune structure {id}.");
        if (!structure.AdminEmails.Contains(address))
            throw new NotFoundException($"{address} n'administre pas cette structure.");
        structure.AdminEmails = structure.AdminEmails.Where(a => a != address).ToList();
        await SaveAdminsAsync(caller, structure, address, SecurityActions.AdminRemoved, cancellationToken);
        return structure;
    }

    private async Task SaveAdminsAsync(Caller caller, StructureRecord structure, string address, string action, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        structure.UpdatedAt = now;
        structure.Version++;
        // The grant and its trace commit together, or neither does.
        new SecurityEvent(caller.DisplayName, Roles.Operator, action, address, SecurityOutcomes.Succeeded, structure.Id).AddTo(db, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<StructureRecord?> FindByRequestAsync(Grpc.IdempotencyKey request, Caller caller, CancellationToken cancellationToken)
    {
        var key = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.RequestId == request.Id, cancellationToken);
        if (key is null) return null;
        if (key.Operation != "CreateStructure")
            throw new ValidationFailedException("requestId", "Ce requestId a déjà servi à une autre opération.");
        request.EnsureSameRequest(key, caller.Subject, "");
        return await db.Structures.AsNoTracking().FirstAsync(s => s.Id == Guid.Parse(key.ResourceId), cancellationToken);
    }

    internal static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw new ValidationFailedException(field, "Identifiant de structure invalide (UUID attendu).");
}

/// <summary>Where the next page of structures starts: an offset in creation order (few structures per caller).</summary>
internal sealed record StructuresAt(int Offset)
{
    public const string Scope = "structures";
}
