using Grpc.Core;
using MassTransit;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Medimail.Notification.Relaunches;

/// <summary>
/// Starts a structure's relaunch so that nobody gets two mails: the relaunch is recorded STARTED (at most one per
/// structure, enforced by a unique partial index) before Identity-Registry issues the links; a request that finds
/// one in progress waits for it and returns it; a request within <c>Relaunch:RepeatWindow</c> of a finished one
/// returns that one, whatever its requestId; a repeated requestId returns its relaunch.
/// </summary>
public sealed class RelaunchCoordinator(
    NotificationDbContext db, IdentityLinks identity, IConfiguration configuration, TimeProvider clock, ILogger<RelaunchCoordinator> logger)
{
    private readonly TimeSpan repeatWindow = configuration.GetValue("Relaunch:RepeatWindow", Relaunch.DefaultRepeatWindow);

    private static readonly TimeSpan WaitForOther = TimeSpan.FromSeconds(150);

    public async Task<Relaunch> StartAsync(string structureId, string? requestId, string requestedBy, string requestedByRole,
        CancellationToken cancellationToken)
    {
        requestId = string.IsNullOrWhiteSpace(requestId) ? null : requestId.Trim();
        if (requestId is not null && await ByRequestIdAsync(structureId, requestId, cancellationToken) is { } repeated)
        {
            if (repeated.State != RelaunchStates.Failed)
                return await SettledAsync(repeated.Id, cancellationToken);
            // The first try failed before anything was sent: the same requestId may try again.
            repeated.RequestId = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        var now = clock.GetUtcNow();
        await db.Relaunches
            .Where(r => r.StructureId == structureId && r.State == RelaunchStates.Started && r.CreatedAt < now - Relaunch.Abandoned)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, RelaunchStates.Failed)
                .SetProperty(r => r.LastError, "Relance interrompue (arrêt du service)."), cancellationToken);

        var latest = await db.Relaunches.AsNoTracking()
            .Where(r => r.StructureId == structureId && r.State != RelaunchStates.Failed)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (latest is { State: RelaunchStates.Started })
            return await SettledAsync(latest.Id, cancellationToken);
        if (latest is not null && latest.CreatedAt > now - repeatWindow)
            return latest;

        var relaunch = Relaunch.Start(NewId.NextSequentialGuid(), structureId, requestId, requestedBy, now);
        db.Relaunches.Add(relaunch);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request started this structure's relaunch (or used this requestId) an instant ago: that one is the relaunch.
            db.ChangeTracker.Clear();
            // It may have finished already: the newest that did not fail.
            var other = await db.Relaunches.AsNoTracking()
                .Where(r => r.StructureId == structureId && r.State != RelaunchStates.Failed)
                .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken)
                ?? throw new FailedPreconditionException("Une relance de cette structure vient d'être lancée ; réessayez dans un instant.");
            return await SettledAsync(other.Id, cancellationToken);
        }

        try
        {
            var issued = await identity.IssueRelaunchLinksAsync(structureId, relaunch.Id, requestedBy, requestedByRole, cancellationToken);
            relaunch.Issued(issued.Recipients, issued.StructureName);
            logger.LogInformation("Relaunch {RelaunchId} of structure {StructureId}: {Count} link(s) issued",
                relaunch.Id, structureId, relaunch.RecipientCount);
        }
        catch (Exception ex)
        {
            relaunch.Failed(ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.GetType().Name);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning("Relaunch {RelaunchId} of structure {StructureId} failed: {Error}", relaunch.Id, structureId, relaunch.LastError);
            if (ex is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded })
                throw new RpcException(new Status(StatusCode.Unavailable, "Le registre des comptes ne répond pas : réessayez dans un instant."));
            if (ex is RpcException other)
                throw new RpcException(new Status(other.StatusCode, other.Status.Detail));
            throw;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return relaunch;
    }

    private Task<Relaunch?> ByRequestIdAsync(string structureId, string requestId, CancellationToken cancellationToken) =>
        db.Relaunches.FirstOrDefaultAsync(r => r.StructureId == structureId && r.RequestId == requestId, cancellationToken);

    /// <summary>The relaunch once it is no longer STARTED (another request is issuing its links right now).</summary>
    private async Task<Relaunch> SettledAsync(Guid id, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + WaitForOther;
        while (true)
        {
            var relaunch = await db.Relaunches.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
            if (relaunch.State is RelaunchStates.Issued or RelaunchStates.Delivered)
                return relaunch;
            if (relaunch.State == RelaunchStates.Failed)
                throw new FailedPreconditionException("La relance lancée au même moment a échoué : réessayez.");
            if (clock.GetUtcNow() > deadline)
                throw new FailedPreconditionException("Une relance de cette structure est déjà en cours.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken);
        }
    }
}
