using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Audit;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// The one door every security event goes through: sign-ins and their failures, lockouts, token revocations, admin
/// grants and connector changes, written to the audit. Never pass a password, a secret or a token.
/// </summary>
public interface ISecurityEvents
{
    Task RecordAsync(SecurityEvent entry, CancellationToken cancellationToken);
}

/// <param name="Outcome">SUCCEEDED, FAILED or DENIED (<see cref="SecurityOutcomes"/>).</param>
public sealed record SecurityEvent(
    string Actor, string ActorRole, string Action, string Target, string Outcome,
    Guid? StructureId = null, string? ClientAddress = null, string? Detail = null)
{
    /// <summary>The audit entry of this event; the client address goes in its detail.</summary>
    public AuditDraft ToAuditDraft()
    {
        var detail = ClientAddress is null ? Detail : $"{Detail}{(Detail is null ? "" : "; ")}client {ClientAddress}";
        return new AuditDraft(new AuditActor(Actor, ActorRole), Action, Target, StructureId, Outcome: Outcome, Detail: detail);
    }

    /// <summary>
    /// Adds the event to the context the change it records is saved with: the same SaveChanges (the same transaction)
    /// commits both or neither. For changes (admin grants, connectors); refusals, which change nothing, use
    /// <see cref="ISecurityEvents.RecordAsync"/>.
    /// </summary>
    public void AddTo(IdentityDbContext db, DateTimeOffset now) => AuditTrail.Add(db, ToAuditDraft(), now);
}

public static class SecurityOutcomes
{
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Denied = "DENIED";
}

/// <summary>The actions recorded, as the audit names them.</summary>
public static class SecurityActions
{
    public const string SignIn = "SIGN_IN";
    public const string SignInLockout = "SIGN_IN_LOCKOUT";
    public const string SignOut = "SIGN_OUT";
    public const string TokenRevoked = "TOKEN_REVOKED";
    public const string AdminGranted = "STRUCTURE_ADMIN_ADDED";
    public const string AdminRemoved = "STRUCTURE_ADMIN_REMOVED";
    public const string ConnectorCreated = "CONNECTOR_CREATED";
    public const string ConnectorSecretRotated = "CONNECTOR_SECRET_ROTATED";
    public const string ConnectorRevoked = "CONNECTOR_REVOKED";
    public const string SecondFactorEnrolled = "TOTP_ENROLLED";
    public const string SecondFactorEnabled = "TOTP_ENABLED";
    public const string SecondFactorRemoved = "TOTP_REMOVED";
    public const string RecoveryCodeUsed = "RECOVERY_CODE_USED";
}

/// <summary>
/// Writes each event to the audit (docs/audit.md) in its own short transaction, so a refused sign-in (which changes
/// nothing else) is kept too. An event that records a change is added to that change's transaction instead
/// (<see cref="SecurityEvent.AddTo"/>).
/// </summary>
internal sealed class AuditedSecurityEvents(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditedSecurityEvents> logger) : ISecurityEvents
{
    public async Task RecordAsync(SecurityEvent entry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        entry.AddTo(db, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Security event {Action} {Outcome}", entry.Action, entry.Outcome);
    }
}
