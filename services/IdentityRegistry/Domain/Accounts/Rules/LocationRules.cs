using Medimail.IdentityRegistry.Domain.Identifiers;

namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>Postcode, department and region must exist and agree: the directories are searched by them.</summary>
internal static class LocationRules
{
    public static void Check(RuleContext context)
    {
        var address = context.Draft.Address;
        var postcodeOk = context.ShouldCheck(AccountFields.PostalCode, address.PostalCode)
            && context.Report(AccountFields.PostalCode, PostalCode.Check(address.PostalCode!));

        var department = context.Reference.Departments.FindByCode(address.DepartmentCode);
        if (department is null && DraftText.IsFilled(address.DepartmentCode))
            context.Error(AccountFields.DepartmentCode,
                $"Le département « {address.DepartmentCode} » n'existe pas : indiquez son numéro (ex. 31, 2A, 974) ou son nom.");

        var region = context.Reference.Regions.FindByCode(address.RegionCode);
        if (region is null && DraftText.IsFilled(address.RegionCode))
            context.Error(AccountFields.RegionCode,
                $"La région « {address.RegionCode} » n'existe pas : indiquez son code INSEE (ex. 76) ou son nom (ex. Occitanie).");

        if (department is null)
            return;
        if (region is not null && department.RegionCode != region.Code)
        {
            var expected = context.Reference.Regions.FindByCode(department.RegionCode)!;
            context.Error(AccountFields.RegionCode,
                $"La région {region.Code} ({region.Label}) ne correspond pas au département {department.Code} ({department.Label}), qui est en région {expected.Code} ({expected.Label}).");
        }
        if (postcodeOk && !PostalCode.MatchesDepartment(address.PostalCode!, department.Code))
            context.Error(AccountFields.PostalCode,
                $"Le code postal {address.PostalCode} ne correspond pas au département {department.Code} ({department.Label}).");
    }
}
