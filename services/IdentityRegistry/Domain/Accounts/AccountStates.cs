namespace Medimail.IdentityRegistry.Domain.Accounts;

public static class AccountStates
{
    /// <summary>The words of the admin screen ("état de l'utilisateur"), for messages.</summary>
    public static string ToFrench(this AccountState state) => state switch
    {
        AccountState.PreRegistered => "préinscrit",
        AccountState.PendingValidation => "en attente de validation",
        AccountState.Active => "actif",
        AccountState.Disabled => "désactivé",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
