namespace Medimail.IdentityRegistry.Data;

/// <summary>A create that carried a <c>requestId</c>: the same id again returns this resource instead of making another.</summary>
public sealed class IdempotencyRecord
{
    public Guid RequestId { get; set; }
    public string Operation { get; set; } = "";
    public string ResourceId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who sent it (the token's subject): another caller's replay is refused, not answered with this resource.</summary>
    public string Caller { get; set; } = "";
    /// <summary>The structure it was for ("" for a structure's creation).</summary>
    public string Scope { get; set; } = "";
    /// <summary>SHA-256 of the request without its requestId: the same id with another body is refused.</summary>
    public string Fingerprint { get; set; } = "";
}
