namespace Medimail.IdentityRegistry.Auth;

/// <summary>What an OAuth client is, kept in its OpenIddict application properties.</summary>
internal static class ClientProperties
{
    public const string Role = "medimail_role";
    public const string StructureId = "medimail_structure_id";
}
