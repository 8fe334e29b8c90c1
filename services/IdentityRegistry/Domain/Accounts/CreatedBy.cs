namespace Medimail.IdentityRegistry.Domain.Accounts;

public enum CreatedBy
{
    /// <summary>An administrator, a connector or a file import.</summary>
    Admin,
    /// <summary>The public self-registration form: everything waits for the service centre.</summary>
    SelfRegistration,
}
