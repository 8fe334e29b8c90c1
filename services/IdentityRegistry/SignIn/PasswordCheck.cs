using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// Checks an address and a password. Only ACTIVE nominative accounts (PER, INT, MED) with a password may sign in;
/// every other case — unknown address, ORG or APP box, pre-registered, pending or disabled account, wrong password —
/// costs one PBKDF2 verification (against a dummy hash when there is nothing to check) and gets the same answer.
/// A success re-hashes the password when the PBKDF2 parameters changed and stores the time of the sign-in.
/// </summary>
internal sealed class PasswordCheck(
    IdentityDbContext db, IPasswordHasher<AccountRecord> hasher, DummyPasswordHash dummy, SignInThrottle throttle,
    ISecurityEvents events, TimeProvider clock)
{
    public static readonly IReadOnlySet<string> NominativeTypes = new HashSet<string>(StringComparer.Ordinal) { "PER", "INT", "MED" };

    public static bool MaySignIn(AccountRecord account) =>
        account.State == "ACTIVE" && NominativeTypes.Contains(account.Type) && account.PasswordHash is not null;

    public async Task<PasswordCheckResult> CheckAsync(string typedEmail, string password, string clientAddress, CancellationToken cancellationToken)
    {
        var email = (typedEmail ?? "").Trim().ToLowerInvariant();
        if (email.Length > 254) email = email[..254];
        var throttled = await throttle.CheckAsync(email, clientAddress, cancellationToken);
        if (throttled.Wait > TimeSpan.Zero)
        {
            await events.RecordAsync(new SecurityEvent(email, "person", SecurityActions.SignIn, email, SecurityOutcomes.Denied,
                ClientAddress: clientAddress, Detail: "trop de tentatives : attente imposée"), cancellationToken);
            return PasswordCheckResult.Throttled(throttled.Wait);
        }

        var account = email.Length == 0 ? null : await db.Accounts.FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        var verdict = account is not null && MaySignIn(account)
            ? hasher.VerifyHashedPassword(account, account.PasswordHash!, password ?? "")
            : dummy.Verify(password ?? "");
        if (account is null || !MaySignIn(account) || verdict == PasswordVerificationResult.Failed)
        {
            var block = await throttle.FailedAsync(email, clientAddress, cancellationToken);
            await events.RecordAsync(new SecurityEvent(email, "person", SecurityActions.SignIn, email, SecurityOutcomes.Failed,
                account?.StructureId, clientAddress, FailureReason(account)), cancellationToken);
            if (block > TimeSpan.Zero)
                await events.RecordAsync(new SecurityEvent(email, "person", SecurityActions.SignInLockout, email, SecurityOutcomes.Denied,
                    account?.StructureId, clientAddress, $"attente de {(int)Math.Ceiling(block.TotalSeconds)} s"), cancellationToken);
            return PasswordCheckResult.Failed;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            account.PasswordHash = hasher.HashPassword(account, password!);
        if (throttled.AddressHasFailures)
            await throttle.SucceededAsync(email, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return PasswordCheckResult.Passed(account);
    }

    /// <summary>Stores the sign-in time (the inactivity job reads it) and records the success.</summary>
    public async Task SignedInAsync(AccountRecord account, string clientAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        account.LastSignInAt = now;
        // The sign-in time and its trace commit together.
        new SecurityEvent(account.Email, "person", SecurityActions.SignIn, account.Email, SecurityOutcomes.Succeeded,
            account.StructureId, clientAddress).AddTo(db, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    // For the trace only: the page never says which.
    private static string FailureReason(AccountRecord? account) => account switch
    {
        null => "adresse inconnue",
        { PasswordHash: null } when account.State == "ACTIVE" => "compte sans mot de passe",
        _ when !NominativeTypes.Contains(account.Type) => $"type {account.Type} : pas de connexion",
        _ when account.State != "ACTIVE" => $"compte {account.State}",
        _ => "mot de passe incorrect",
    };
}

internal sealed record PasswordCheckResult(PasswordOutcome Outcome, AccountRecord? Account, TimeSpan RetryAfter)
{
    public static PasswordCheckResult Failed { get; } = new(PasswordOutcome.Failed, null, TimeSpan.Zero);
    public static PasswordCheckResult Throttled(TimeSpan wait) => new(PasswordOutcome.Throttled, null, wait);
    public static PasswordCheckResult Passed(AccountRecord account) => new(PasswordOutcome.Passed, account, TimeSpan.Zero);
}

internal enum PasswordOutcome { Passed, Failed, Throttled }

/// <summary>A hash of a random password made with the current parameters, so an unknown address costs what a known one does.</summary>
internal sealed class DummyPasswordHash(IPasswordHasher<AccountRecord> hasher)
{
    private static readonly AccountRecord Nobody = new();
    private readonly Lazy<string> hash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public PasswordVerificationResult Verify(string password)
    {
        hasher.VerifyHashedPassword(Nobody, hash.Value, password);
        return PasswordVerificationResult.Failed;
    }
}
