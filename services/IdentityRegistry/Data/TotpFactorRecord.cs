namespace Medimail.IdentityRegistry.Data;

/// <summary>
/// A person's TOTP second factor (RFC 6238). The secret is kept sealed with the data-protection key ring (it must be
/// read back to check codes); recovery codes only as SHA-256 hashes, each removed once used.
/// </summary>
public sealed class TotpFactorRecord
{
    public string Email { get; set; } = "";
    public string ProtectedSecret { get; set; } = "";
    /// <summary>Null until a first code confirms the enrolment: the factor is on from then.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>The last 30-second step a code was accepted for: a code is never accepted twice.</summary>
    public long LastUsedStep { get; set; }
    public List<string> RecoveryCodeHashes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
