namespace Medimail.ServiceDefaults.Auth;

/// <summary>The four roles of docs/api.md, as carried in the <c>role</c> claim of access tokens.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string StructureAdmin = "structure_admin";
    public const string Connector = "connector";
    public const string Person = "person";
    /// <summary>One of the platform's own processes (a service identity), on internal endpoints only.</summary>
    public const string Service = "service";
}

public static class MedimailClaims
{
    public const string Role = "role";
    /// <summary>One claim per structure the caller administers (structure admin) or belongs to (connector).</summary>
    public const string StructureId = "structure_id";
    public const string Email = "email";
    public const string Scope = "scope";
    public const string ApiScope = "api";
    /// <summary>The scope of service identities: internal endpoints, and nothing of the public API.</summary>
    public const string InternalScope = "internal";
    public const string Audience = "medimail-api";
}
