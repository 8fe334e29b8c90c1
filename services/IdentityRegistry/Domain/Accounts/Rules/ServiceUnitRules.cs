namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

internal static class ServiceUnitRules
{
    // The only value the guide knows: it flags accounts of the SIDEPE scheme.
    public const string Sidepe = "@SIDEPE";

    public static void Check(RuleContext context)
    {
        var value = context.Draft.ServiceUnit;
        if (context.ShouldCheck(AccountFields.ServiceUnit, value) && value != Sidepe)
            context.Error(AccountFields.ServiceUnit,
                $"Le service de rattachement vaut « {Sidepe} » pour un compte du dispositif SIDEPE et reste vide sinon (« {value} » saisi).");
    }
}
