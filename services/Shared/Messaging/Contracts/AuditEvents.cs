namespace Medimail.Contracts;

/// <summary>
/// An administrative act done in another service than Identity-Registry (a liste rouge change in the Directory), put in
/// that service's outbox in the same transaction as the act, so the audit store in Identity-Registry receives exactly
/// the acts that committed. <paramref name="Before"/> and <paramref name="After"/> are JSON objects of the changed
/// fields, never a secret. Times are the act's, not the delivery's.
/// </summary>
public sealed record AuditRecorded(
    DateTimeOffset Time, string Actor, string ActorRole, string Action, string Target, string? StructureId,
    string? Before, string? After, string Outcome, string? Detail, string? CorrelationId);
