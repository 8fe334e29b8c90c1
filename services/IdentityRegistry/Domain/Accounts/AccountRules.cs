using Medimail.IdentityRegistry.Domain.Accounts.Rules;
using Medimail.IdentityRegistry.Domain.Reference;
using Medimail.IdentityRegistry.Domain.Validation;

namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// The one rule set for accounts, shared by the API (one account) and the loadusers import (one
/// row at a time, with a pre-loaded directory). Stateless once built: register it as a singleton.
/// </summary>
public sealed class AccountRules(ReferenceData reference, TimeProvider clock)
{
    public static AccountRules CreateDefault() => new(ReferenceData.Default, TimeProvider.System);

    public ReferenceData Reference { get; } = reference;

    /// <summary>The draft as it should be stored; see <see cref="AccountNormalizer"/> for what changes.</summary>
    public AccountDraft Normalize(AccountDraft draft) => AccountNormalizer.Normalize(draft, Reference);

    /// <summary>
    /// Checks the normalised form of <paramref name="draft"/> (normalising twice is harmless, so
    /// callers may pass either). Without <paramref name="directory"/> the rules needing existing
    /// accounts are skipped. Pass <paramref name="before"/> (the stored account) on an update: the
    /// address is then not a duplicate of itself, address and type must not change, and an expiry
    /// date already past is only refused if it is being changed.
    /// </summary>
    public ValidationResult Validate(AccountDraft draft, IAccountDirectory? directory = null, AccountDraft? before = null) =>
        Check(Normalize(draft), directory, before is null ? null : Normalize(before));

    /// <summary>
    /// <see cref="Validate"/> for a draft the caller has just passed through <see cref="Normalize"/> (CreateAccount,
    /// every import row): the same rules, without normalising a second time. An import of 100,000 rows spent a
    /// noticeable share of its checking time in that second, identical pass.
    /// </summary>
    public ValidationResult ValidateNormalized(AccountDraft normalized, IAccountDirectory? directory = null) =>
        Check(normalized, directory, before: null);

    private ValidationResult Check(AccountDraft normalized, IAccountDirectory? directory, AccountDraft? before)
    {
        var context = new RuleContext(normalized, Reference, ParisCalendar.Today(clock), directory, before);
        foreach (var rule in AccountRuleSet.All)
            rule(context);
        return context.Violations.ToResult();
    }
}
