namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// Result of a lifecycle step. A refused step is an expected outcome (an administrator clicks
/// "disable" twice), so it is a value; <see cref="OrThrow"/> is there for callers that treat it as a bug.
/// </summary>
public sealed record StateTransition(AccountState From, AccountState To, string? Error)
{
    public bool Succeeded => Error is null;

    public static StateTransition Allowed(AccountState from, AccountState to) => new(from, to, null);

    public static StateTransition Refused(AccountState from, string error) => new(from, from, error);

    public AccountState OrThrow() => Succeeded ? To : throw new InvalidAccountTransitionException(From, Error!);
}
