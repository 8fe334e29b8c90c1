namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// The state machine of docs/domain.md: admin creation → PRE_REGISTERED (people) or ACTIVE (ORG, APP, which
/// never sign in); self-registration → PENDING_VALIDATION; ACTIVE/PRE_REGISTERED ⇄ DISABLED.
/// </summary>
public static class AccountLifecycle
{
    public static AccountState InitialState(AccountType type, CreatedBy createdBy)
    {
        if (createdBy == CreatedBy.SelfRegistration)
            return AccountState.PendingValidation;
        return type is AccountType.Org or AccountType.App ? AccountState.Active : AccountState.PreRegistered;
    }

    /// <summary>By an administrator, or by the expiry job on the expiry date.</summary>
    public static StateTransition Disable(AccountState current) => current switch
    {
        AccountState.Active or AccountState.PreRegistered => StateTransition.Allowed(current, AccountState.Disabled),
        AccountState.Disabled => StateTransition.Refused(current, "Le compte est déjà désactivé."),
        // The service centre decides on a pending account; disabling it would bypass that decision.
        _ => StateTransition.Refused(current,
            "Un compte en attente de validation ne peut pas être désactivé : le centre de services doit d'abord le valider."),
    };

    /// <summary>
    /// Back to the state held before disabling, so a person who never enrolled is still asked to.
    /// Without that record (legacy data), the state an administrator creation gives.
    /// </summary>
    public static StateTransition Enable(AccountType type, AccountState current, AccountState? stateBeforeDisable)
    {
        if (current != AccountState.Disabled)
            return StateTransition.Refused(current, $"Le compte n'est pas désactivé (état actuel : {current.ToFrench()}) : il n'y a rien à réactiver.");
        var target = stateBeforeDisable is AccountState.Active or AccountState.PreRegistered
            ? stateBeforeDisable.Value
            : InitialState(type, CreatedBy.Admin);
        return StateTransition.Allowed(current, target);
    }

    /// <summary>The service centre accepts a self-registration.</summary>
    public static StateTransition Validate(AccountState current) => current == AccountState.PendingValidation
        ? StateTransition.Allowed(current, AccountState.Active)
        : StateTransition.Refused(current, $"Seul un compte en attente de validation peut être validé (état actuel : {current.ToFrench()}).");

    /// <summary>The person set a password and accepted the terms through the enrolment link.</summary>
    public static StateTransition CompleteEnrolment(AccountState current) => current == AccountState.PreRegistered
        ? StateTransition.Allowed(current, AccountState.Active)
        : StateTransition.Refused(current, $"Seul un compte préinscrit peut finaliser son inscription (état actuel : {current.ToFrench()}).");

    /// <summary>The account is disabled on its expiry date itself, not the day after.</summary>
    public static bool IsExpired(DateOnly? expiresOn, DateOnly today) => expiresOn is { } date && date <= today;
}
