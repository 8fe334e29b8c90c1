using Medimail.IdentityRegistry.Domain.Accounts;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>States are stored and published with the API's names.</summary>
internal static class StateNames
{
    public static string ToApi(this AccountState state) => state switch
    {
        AccountState.PreRegistered => "PRE_REGISTERED",
        AccountState.PendingValidation => "PENDING_VALIDATION",
        AccountState.Active => "ACTIVE",
        AccountState.Disabled => "DISABLED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static AccountState FromApi(string state) => state switch
    {
        "PRE_REGISTERED" => AccountState.PreRegistered,
        "PENDING_VALIDATION" => AccountState.PendingValidation,
        "ACTIVE" => AccountState.Active,
        "DISABLED" => AccountState.Disabled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
