namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>Every rule, in the order of the loadusers columns so an import report reads left to right.</summary>
internal static class AccountRuleSet
{
    public static IReadOnlyList<Action<RuleContext>> All { get; } =
    [
        TypeRules.Check,
        PresenceRules.Check,
        OneLineRules.Check,
        ContactRules.Check,
        PersonIdentifierRules.Check,
        ServiceUnitRules.Check,
        LocationRules.Check,
        ProfessionRules.Check,
        StructureIdentifierRules.Check,
        ResponsibleRules.Check,
        SharedBoxRules.Check,
        MessagingRules.Check,
        ExpiryRules.Check,
        DirectoryRules.Check,
    ];
}
