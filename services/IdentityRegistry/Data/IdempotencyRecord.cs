namespace Medimail.IdentityRegistry.Data;

/// <summary>A create that carried a <c>requestId</c>: the same id again returns this resource instead of making another.</summary>
public sealed class IdempotencyRecord
{
    public Guid RequestId { get; set; }
    public string Operation { get; set; } = "";
    public string ResourceId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
