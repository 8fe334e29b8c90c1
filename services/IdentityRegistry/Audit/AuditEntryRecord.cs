namespace Medimail.IdentityRegistry.Audit;

/// <summary>One administrative act as stored in <c>audit_entries</c>; see <c>docs/audit.md</c>.</summary>
public sealed class AuditEntryRecord
{
    /// <summary>Grows with every entry: the keyset of the newest-first pages.</summary>
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public string Actor { get; set; } = "";
    public string ActorRole { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public Guid? StructureId { get; set; }
    /// <summary>JSON object of the changed fields before the act (jsonb).</summary>
    public string? Before { get; set; }
    /// <summary>JSON object of the changed fields after the act, or the act's figures (jsonb).</summary>
    public string? After { get; set; }
    public string Outcome { get; set; } = AuditOutcomes.Succeeded;
    public string? Detail { get; set; }
    public string? CorrelationId { get; set; }
}

public static class AuditOutcomes
{
    public const string Succeeded = "SUCCEEDED";
    /// <summary>Refused for lack of rights (PERMISSION_DENIED, UNAUTHENTICATED).</summary>
    public const string Denied = "DENIED";
    /// <summary>Refused by a rule (invalid field, stale etag, wrong state, duplicate, wrong password).</summary>
    public const string Failed = "FAILED";
}
