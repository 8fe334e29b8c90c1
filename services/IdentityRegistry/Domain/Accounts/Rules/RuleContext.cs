using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.IdentityRegistry.Domain.Reference;
using Medimail.IdentityRegistry.Domain.Validation;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>What every rule reads (the normalised draft and its parsed type) and where it reports.</summary>
internal sealed class RuleContext
{
    public RuleContext(AccountDraft draft, ReferenceData reference, DateOnly today, IAccountDirectory? directory, AccountDraft? before)
    {
        Draft = draft;
        Type = AccountTypes.TryParse(draft.Type, out var type) ? type : null;
        Reference = reference;
        Today = today;
        Directory = directory;
        Before = before;
    }

    public AccountDraft Draft { get; }

    /// <summary>Null when missing or unknown: type-specific rules then stay silent (the type error says it all).</summary>
    public AccountType? Type { get; }

    public ReferenceData Reference { get; }

    public DateOnly Today { get; }

    public IAccountDirectory? Directory { get; }

    /// <summary>The stored account on an update; null on a creation.</summary>
    public AccountDraft? Before { get; }

    public ViolationCollector Violations { get; } = new();

    public bool Is(AccountType type) => Type == type;

    public FieldPresence Presence(string field) => Type is { } type ? PresenceMatrix.For(field, type) : FieldPresence.Optional;

    /// <summary>
    /// A format check is worth running on a filled field the type allows: on a forbidden one the
    /// "must stay empty" error is enough.
    /// </summary>
    public bool ShouldCheck(string field, string? value) =>
        DraftText.IsFilled(value) && Presence(field) != FieldPresence.Forbidden;

    public void Error(string field, string message) => Violations.Error(field, message);

    public void Warning(string field, string message) => Violations.Warning(field, message);

    /// <summary>Reports a check; true when it raised no error.</summary>
    public bool Report(string field, IdentifierCheck check)
    {
        if (check.Severity == CheckSeverity.Error)
            Error(field, check.Message!);
        else if (check.Severity == CheckSeverity.Warning)
            Warning(field, check.Message!);
        return !check.IsError;
    }
}
