using System.Security.Claims;

namespace Medimail.ServiceDefaults.Auth;

/// <summary>Who is calling, read once from the validated token; the rules decide with it, never with raw claims.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, IReadOnlySet<string> StructureIds, string? Email)
{
    public bool IsOperator => Roles.Contains(Auth.Roles.Operator);
    public bool IsConnector => Roles.Contains(Auth.Roles.Connector);
    public bool IsStructureAdmin => Roles.Contains(Auth.Roles.StructureAdmin);
    public bool IsPerson => Roles.Contains(Auth.Roles.Person);

    /// <summary>Operators manage every structure; admins and connectors only theirs.</summary>
    public bool Manages(string structureId) =>
        IsOperator || ((IsStructureAdmin || IsConnector) && StructureIds.Contains(CanonicalId.Normalize(structureId)));

    /// <summary>Name recorded in traces and events.</summary>
    public string DisplayName => Email ?? Subject;

    public static Caller From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst("sub")?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? principal.FindFirst("client_id")?.Value ?? "anonymous";
        var roles = principal.FindAll(MedimailClaims.Role).Concat(principal.FindAll(ClaimTypes.Role))
            .Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var structures = principal.FindAll(MedimailClaims.StructureId).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var email = principal.FindFirst(MedimailClaims.Email)?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
        return new Caller(subject, roles, structures, email);
    }
}
