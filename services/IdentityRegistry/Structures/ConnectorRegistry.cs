using System.Security.Cryptography;
using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Medimail.IdentityRegistry.Structures;

/// <summary>
/// A connector's whole life: created with a secret shown once, listed (never a secret), its secret rotated (the old
/// one refused at once: OpenIddict keeps only the new hash), revoked (no new token; the issued ones refused by every
/// service through the revocation list). The operator and the structure's admins manage them; connectors do not.
/// </summary>
/// <remarks>
/// Each change, OpenIddict's client included (its manager saves through this same context), commits in one transaction
/// with its audit entry: no change without its trace, no trace of a change that rolled back.
/// </remarks>
internal sealed class ConnectorRegistry(IdentityDbContext db, StructureRegistry structures, IOpenIddictApplicationManager applications,
    TimeProvider clock)
{
    public async Task<(ConnectorRecord Connector, string Secret)> CreateAsync(Caller caller, string structureId, string name, CancellationToken cancellationToken)
    {
        var structure = await ManagedAsync(caller, structureId, cancellationToken);
        var label = (name ?? "").Trim();
        if (label.Length is 0 or > 100)
            throw new ValidationFailedException("name", "Le nom du connecteur est obligatoire (100 caractères au plus).");

        var clientId = $"connector-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var secret = NewSecret();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applications.CreateAsync(ClientDescriptors.Confidential(clientId, label, secret, Roles.Connector, structure.Id.ToString()), cancellationToken);
        var connector = new ConnectorRecord { ClientId = clientId, StructureId = structure.Id, Name = label, CreatedAt = clock.GetUtcNow() };
        db.Set<ConnectorRecord>().Add(connector);
        await SaveWithTraceAsync(caller, SecurityActions.ConnectorCreated, connector, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (connector, secret);
    }

    public async Task<List<ConnectorRecord>> ListAsync(Caller caller, string structureId, CancellationToken cancellationToken)
    {
        var structure = await ManagedAsync(caller, structureId, cancellationToken);
        return await db.Set<ConnectorRecord>().AsNoTracking().Where(c => c.StructureId == structure.Id)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.ClientId).ToListAsync(cancellationToken);
    }

    public async Task<(ConnectorRecord Connector, string Secret)> RotateAsync(Caller caller, string structureId, string clientId, CancellationToken cancellationToken)
    {
        var (connector, application) = await FindAsync(caller, structureId, clientId, cancellationToken);
        if (connector.RevokedAt is not null)
            throw new FailedPreconditionException("Ce connecteur est révoqué : créez-en un nouveau.");
        var secret = NewSecret();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applications.UpdateAsync(application, secret, cancellationToken);
        connector.RotatedAt = clock.GetUtcNow();
        await SaveWithTraceAsync(caller, SecurityActions.ConnectorSecretRotated, connector, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (connector, secret);
    }

    public async Task<ConnectorRecord> RevokeAsync(Caller caller, string structureId, string clientId, CancellationToken cancellationToken)
    {
        var (connector, application) = await FindAsync(caller, structureId, clientId, cancellationToken);
        if (connector.RevokedAt is not null)
            return connector;
        // No new token: the token endpoint permission goes, and no secret anybody knows is left.
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.Permissions.Remove(OpenIddictConstants.Permissions.Endpoints.Token);
        descriptor.ClientSecret = NewSecret();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        connector.RevokedAt = clock.GetUtcNow();
        await SaveWithTraceAsync(caller, SecurityActions.ConnectorRevoked, connector, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return connector;
    }

    /// <summary>The revocation list every process polls: client ids and when they were revoked.</summary>
    public Task<List<RevokedClient>> RevokedAsync(CancellationToken cancellationToken) =>
        db.Set<ConnectorRecord>().AsNoTracking().Where(c => c.RevokedAt != null)
            .Select(c => new RevokedClient(c.ClientId, c.RevokedAt!.Value)).ToListAsync(cancellationToken);

    /// <summary>Called for each token a connector obtains; written at most once a minute per connector.</summary>
    public Task TouchAsync(string clientId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var staleBefore = now.AddMinutes(-1);
        return db.Set<ConnectorRecord>()
            .Where(c => c.ClientId == clientId && (c.LastUsedAt == null || c.LastUsedAt < staleBefore))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastUsedAt, now), cancellationToken);
    }

    private async Task<StructureRecord> ManagedAsync(Caller caller, string structureId, CancellationToken cancellationToken)
    {
        var structure = await structures.GetAsync(caller, structureId, cancellationToken);
        if (caller.IsConnector && !caller.IsOperator)
            throw new PermissionDeniedException("Un connecteur ne gère pas les connecteurs.");
        return structure;
    }

    private async Task<(ConnectorRecord, object)> FindAsync(Caller caller, string structureId, string clientId, CancellationToken cancellationToken)
    {
        var structure = await ManagedAsync(caller, structureId, cancellationToken);
        var connector = await db.Set<ConnectorRecord>().FirstOrDefaultAsync(c => c.ClientId == clientId && c.StructureId == structure.Id, cancellationToken)
            ?? throw new NotFoundException($"Aucun connecteur {clientId} dans cette structure.");
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw new NotFoundException($"Aucun connecteur {clientId} dans cette structure.");
        return (connector, application);
    }

    /// <summary>Saves the connector's change with its audit entry, inside the caller's transaction.</summary>
    private Task SaveWithTraceAsync(Caller caller, string action, ConnectorRecord connector, CancellationToken cancellationToken)
    {
        new SecurityEvent(caller.DisplayName, ActorRole(caller), action, connector.ClientId, SecurityOutcomes.Succeeded, connector.StructureId)
            .AddTo(db, clock.GetUtcNow());
        return db.SaveChangesAsync(cancellationToken);
    }

    internal static string ActorRole(Caller caller) =>
        caller.IsOperator ? Roles.Operator : caller.IsStructureAdmin ? Roles.StructureAdmin : caller.IsConnector ? Roles.Connector : Roles.Person;

    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
