using System.Globalization;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>The account is disabled on its expiry date, so a date already reached would disable it at once.</summary>
internal static class ExpiryRules
{
    public static void Check(RuleContext context)
    {
        var value = context.Draft.ExpiresOn;
        if (!context.ShouldCheck(AccountFields.ExpiresOn, value))
            return;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            context.Error(AccountFields.ExpiresOn, $"La date de péremption « {value} » doit être une date valide au format AAAA-MM-JJ (ex. 2027-01-31).");
            return;
        }
        // On an update, an unchanged date that has since passed is the expiry job's business, not an input error.
        var unchanged = context.Before is not null && context.Before.ExpiresOn == value;
        if (date <= context.Today && !unchanged)
            context.Error(AccountFields.ExpiresOn,
                $"La date de péremption ({value}) doit être postérieure à aujourd'hui : le compte serait désactivé immédiatement.");
    }
}
