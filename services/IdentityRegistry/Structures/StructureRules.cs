using System.Text.RegularExpressions;
using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Structures;

internal static partial class StructureRules
{
    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex Domain();

    public sealed record ValidStructure(string Name, string IdentifierType, string Identifier, string NationalId, string MssanteDomain);

    /// <summary>Every problem at once, each naming its field; the identifier is checked against its type (Luhn for SIRET/SIREN).</summary>
    public static ValidStructure Validate(StructureInput input)
    {
        var violations = new List<FieldViolation>();
        var name = (input.Name ?? "").Trim();
        if (name.Length is 0 or > 200)
            violations.Add(new("name", "Le nom de la structure est obligatoire (200 caractères au plus)."));
        else if (Medimail.IdentityRegistry.Domain.Accounts.Rules.OneLineRules.HasLineBreak(name))
            // It is quoted in every invitation e-mail: one line, like the account names.
            violations.Add(new("name", "Le nom de la structure tient sur une ligne : retirez les retours à la ligne."));

        var identifier = (input.Identifier ?? "").Trim().ToUpperInvariant();
        string? nationalId = null;
        if (!StructureIdentifierTypes.TryParse(input.IdentifierType, out var type))
            violations.Add(new("identifierType", "Le type d'identifiant de la structure doit être FINESS, SIRET ou SIREN."));
        else if (StructureIdentifier.Check(type, identifier) is { IsError: true } check)
            violations.Add(new("identifier", check.Message!));
        else
            nationalId = NationalIds.ForStructure(type, identifier);

        var domain = (input.MssanteDomain ?? "").Trim().ToLowerInvariant();
        if (!Domain().IsMatch(domain))
            violations.Add(new("mssanteDomain", "Le domaine MSSanté de la structure est obligatoire (ex. esante-occitanie.fr, sans @)."));

        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
        return new ValidStructure(name, type.ToCode(), identifier, nationalId!, domain);
    }
}
