using System.Text.Json;
using Medimail.Contracts;
using Medimail.Directory.Domain;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Logging;

namespace Medimail.Directory.Visibility;

/// <summary>The audit trace of a liste rouge change, for Identity-Registry's audit store.</summary>
internal static class VisibilityAudit
{
    public static AuditRecorded Of(Caller caller, DirectoryEntry entry, object before, DateTimeOffset now) => new(
        now, caller.DisplayName, RoleOf(caller), "SetVisibility", entry.Email, entry.StructureId,
        JsonSerializer.Serialize(before),
        JsonSerializer.Serialize(new { unlistedRegional = entry.UnlistedRegional, unlistedNational = entry.UnlistedNational }),
        "SUCCEEDED", null, CorrelationId.Current);

    private static string RoleOf(Caller caller) =>
        caller.IsOperator ? Roles.Operator : caller.IsStructureAdmin ? Roles.StructureAdmin
        : caller.IsConnector ? Roles.Connector : caller.IsPerson ? Roles.Person : "anonymous";
}
