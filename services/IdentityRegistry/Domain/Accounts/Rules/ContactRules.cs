using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

internal static class ContactRules
{
    public static void Check(RuleContext context)
    {
        var draft = context.Draft;
        if (context.ShouldCheck(AccountFields.Email, draft.Email))
            context.Report(AccountFields.Email, EmailAddress.Check(draft.Email!));
        if (context.ShouldCheck(AccountFields.Phone1, draft.Phone1))
            context.Report(AccountFields.Phone1, PhoneNumber.Check(draft.Phone1!, "Le téléphone (1)"));
        if (context.ShouldCheck(AccountFields.Phone2, draft.Phone2))
            context.Report(AccountFields.Phone2, PhoneNumber.Check(draft.Phone2!, "Le téléphone (2)"));
    }
}
