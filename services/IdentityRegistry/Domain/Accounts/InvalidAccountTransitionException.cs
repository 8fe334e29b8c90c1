namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>Maps to FAILED_PRECONDITION: the request is well formed but the account is in the wrong state.</summary>
public sealed class InvalidAccountTransitionException(AccountState from, string message) : InvalidOperationException(message)
{
    public AccountState From { get; } = from;
}
