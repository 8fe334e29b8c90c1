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
    Guid? StructureId = null, string? ClientAddress = null, string? Detail = null);

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
/// nothing else) is kept too; the client address goes in the entry's detail.
/// </summary>
internal sealed class AuditedSecurityEvents(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditedSecurityEvents> logger) : ISecurityEvents
{
    public async Task RecordAsync(SecurityEvent entry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var detail = entry.ClientAddress is null ? entry.Detail : $"{entry.Detail}{(entry.Detail is null ? "" : "; ")}client {entry.ClientAddress}";
        AuditTrail.Add(db, new AuditDraft(new AuditActor(entry.Actor, entry.ActorRole), entry.Action, entry.Target, entry.StructureId,
            Outcome: entry.Outcome, Detail: detail), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Security event {Action} {Outcome}", entry.Action, entry.Outcome);
    }
}
