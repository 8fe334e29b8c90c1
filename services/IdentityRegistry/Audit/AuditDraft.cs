using Medimail.ServiceDefaults.Auth;

namespace Medimail.IdentityRegistry.Audit;

/// <summary>
/// What a change tells the audit. <see cref="Before"/> and <see cref="After"/> are the changed fields only (any object
/// System.Text.Json serialises: a dictionary, an anonymous object); never put a password, secret or token in them.
/// </summary>
public sealed record AuditDraft(
    AuditActor Actor, string Action, string Target, Guid? StructureId,
    object? Before = null, object? After = null, string Outcome = AuditOutcomes.Succeeded, string? Detail = null);

/// <summary>Who acted: an account address or a client id, and the role it acted in.</summary>
public sealed record AuditActor(string Name, string Role)
{
    public static AuditActor System(string job) => new(job, "system");

    public static AuditActor Anonymous(string? name = null) => new(name ?? "anonymous", "anonymous");

    /// <summary>The highest role of the caller: what the act was allowed (or refused) as.</summary>
    public static AuditActor Of(Caller caller) => new(caller.DisplayName,
        caller.IsOperator ? Roles.Operator
        : caller.IsStructureAdmin ? Roles.StructureAdmin
        : caller.IsConnector ? Roles.Connector
        : caller.IsPerson ? Roles.Person
        : "anonymous");
}
