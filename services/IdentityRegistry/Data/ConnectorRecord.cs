namespace Medimail.IdentityRegistry.Data;

/// <summary>
/// What a connector's owners see of it (its OAuth client, with the hashed secret, lives in OpenIddict's
/// applications table under the same client id).
/// </summary>
public sealed class ConnectorRecord
{
    public string ClientId { get; set; } = "";
    public Guid StructureId { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it last obtained a token, to the minute (written at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }
    /// <summary>From then on no token, and tokens issued before are refused by every service (revocation list).</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
