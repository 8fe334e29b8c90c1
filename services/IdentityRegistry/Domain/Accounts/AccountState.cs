namespace Medimail.IdentityRegistry.Domain.Accounts;

public enum AccountState
{
    /// <summary>Created by an administrator or an import; the person has not finished the enrolment link.</summary>
    PreRegistered,
    /// <summary>Self-registered; waits for the service centre.</summary>
    PendingValidation,
    Active,
    /// <summary>By an administrator or on the expiry date; re-enabling returns to the previous state.</summary>
    Disabled,
}
