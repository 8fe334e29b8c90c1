namespace Medimail.IdentityRegistry.Data;

/// <summary>
/// One security event (sign-in, lockout, token revocation, admin grant, connector change) with the audit's fields.
/// Never a password, a secret or a token. Written through <c>Auth.ISecurityEvents</c>, so the audit can take it over.
/// </summary>
public sealed class SecurityEventRecord
{
    public Guid Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public string Actor { get; set; } = "";
    public string ActorRole { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public Guid? StructureId { get; set; }
    /// <summary>SUCCEEDED, FAILED or DENIED.</summary>
    public string Outcome { get; set; } = "";
    public string? CorrelationId { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>Why, in a few words (e.g. "mot de passe incorrect"); never a credential.</summary>
    public string? Detail { get; set; }
}
