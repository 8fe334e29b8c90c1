using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>
/// The fields an UpdateAccount may name in its <c>updateMask</c>, each with how to read it from a draft and how to copy
/// it from the submitted draft onto the stored one. Paths are the API's JSON names ("lastName", "address.city"); the
/// snake_case form a gRPC client sends ("last_name") is accepted too. "address" and "responsible" stand for all their
/// parts. Email and type never change; output-only fields cannot be named.
/// </summary>
internal static class UpdateMask
{
    private sealed record Field(Func<AccountDraft, object?> Read, Func<AccountDraft, AccountDraft, AccountDraft> Copy);

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        [AccountFields.LastName] = new(d => d.LastName, (to, from) => to with { LastName = from.LastName }),
        [AccountFields.FirstName] = new(d => d.FirstName, (to, from) => to with { FirstName = from.FirstName }),
        [AccountFields.Rpps] = new(d => d.Rpps, (to, from) => to with { Rpps = from.Rpps }),
        [AccountFields.Adeli] = new(d => d.Adeli, (to, from) => to with { Adeli = from.Adeli }),
        [AccountFields.LegalName] = new(d => d.LegalName, (to, from) => to with { LegalName = from.LegalName }),
        [AccountFields.ServiceUnit] = new(d => d.ServiceUnit, (to, from) => to with { ServiceUnit = from.ServiceUnit }),
        [AccountFields.AddressLine1] = new(d => d.Address.Line1, (to, from) => to with { Address = to.Address with { Line1 = from.Address.Line1 } }),
        [AccountFields.AddressLine2] = new(d => d.Address.Line2, (to, from) => to with { Address = to.Address with { Line2 = from.Address.Line2 } }),
        [AccountFields.PostalCode] = new(d => d.Address.PostalCode, (to, from) => to with { Address = to.Address with { PostalCode = from.Address.PostalCode } }),
        [AccountFields.City] = new(d => d.Address.City, (to, from) => to with { Address = to.Address with { City = from.Address.City } }),
        [AccountFields.DepartmentCode] = new(d => d.Address.DepartmentCode, (to, from) => to with { Address = to.Address with { DepartmentCode = from.Address.DepartmentCode } }),
        [AccountFields.RegionCode] = new(d => d.Address.RegionCode, (to, from) => to with { Address = to.Address with { RegionCode = from.Address.RegionCode } }),
        [AccountFields.Phone1] = new(d => d.Phone1, (to, from) => to with { Phone1 = from.Phone1 }),
        [AccountFields.Phone2] = new(d => d.Phone2, (to, from) => to with { Phone2 = from.Phone2 }),
        [AccountFields.Profession] = new(d => d.Profession, (to, from) => to with { Profession = from.Profession }),
        [AccountFields.Specialty] = new(d => d.Specialty, (to, from) => to with { Specialty = from.Specialty }),
        [AccountFields.Diploma] = new(d => d.Diploma, (to, from) => to with { Diploma = from.Diploma }),
        [AccountFields.IndependentPractice] = new(d => d.IndependentPractice, (to, from) => to with { IndependentPractice = from.IndependentPractice }),
        [AccountFields.StructureIdentifierType] = new(d => d.StructureIdentifierType, (to, from) => to with { StructureIdentifierType = from.StructureIdentifierType }),
        [AccountFields.StructureIdentifier] = new(d => d.StructureIdentifier, (to, from) => to with { StructureIdentifier = from.StructureIdentifier }),
        [AccountFields.ReturnAddress] = new(d => d.ReturnAddress, (to, from) => to with { ReturnAddress = from.ReturnAddress }),
        [AccountFields.ResponsibleLastName] = new(d => d.Responsible.LastName, (to, from) => to with { Responsible = to.Responsible with { LastName = from.Responsible.LastName } }),
        [AccountFields.ResponsibleFirstName] = new(d => d.Responsible.FirstName, (to, from) => to with { Responsible = to.Responsible with { FirstName = from.Responsible.FirstName } }),
        [AccountFields.ResponsibleProfession] = new(d => d.Responsible.Profession, (to, from) => to with { Responsible = to.Responsible with { Profession = from.Responsible.Profession } }),
        [AccountFields.ResponsibleIdentifier] = new(d => d.Responsible.Identifier, (to, from) => to with { Responsible = to.Responsible with { Identifier = from.Responsible.Identifier } }),
        [AccountFields.Description] = new(d => d.Description, (to, from) => to with { Description = from.Description }),
        [AccountFields.ExerciseTitle] = new(d => d.ExerciseTitle, (to, from) => to with { ExerciseTitle = from.ExerciseTitle }),
        [AccountFields.MssanteParticle] = new(d => d.MssanteParticle, (to, from) => to with { MssanteParticle = from.MssanteParticle }),
        [AccountFields.ApicryptParticle] = new(d => d.ApicryptParticle, (to, from) => to with { ApicryptParticle = from.ApicryptParticle }),
        [AccountFields.ApicryptSpecialty] = new(d => d.ApicryptSpecialty, (to, from) => to with { ApicryptSpecialty = from.ApicryptSpecialty }),
        [AccountFields.ExpiresOn] = new(d => d.ExpiresOn, (to, from) => to with { ExpiresOn = from.ExpiresOn }),
        [AccountFields.ConnectionAccounts] = new(d => string.Join(";", d.ConnectionAccounts), (to, from) => to with { ConnectionAccounts = from.ConnectionAccounts }),
        [AccountFields.UnlistedRegional] = new(d => d.UnlistedRegional, (to, from) => to with { UnlistedRegional = from.UnlistedRegional }),
        [AccountFields.UnlistedNational] = new(d => d.UnlistedNational, (to, from) => to with { UnlistedNational = from.UnlistedNational }),
    };

    private static readonly HashSet<string> Immutable = [AccountFields.Email, AccountFields.Type];

    /// <summary>The leaf paths the mask names, or a field violation (on <c>account.email</c>, <c>account.type</c> or <c>updateMask</c>).</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> paths)
    {
        var leaves = new List<string>();
        foreach (var raw in paths)
        {
            var path = CamelCase(raw.Trim());
            if (Immutable.Contains(path))
                throw new ValidationFailedException($"account.{path}",
                    path == AccountFields.Email
                        ? "L'adresse d'un compte ne change jamais : c'est son identifiant. Créez un nouveau compte si besoin."
                        : "Le type d'un compte (PER, INT, ORG, MED, APP) ne change jamais : créez un compte du bon type.");
            if (path is "address" or "responsible")
                leaves.AddRange(Fields.Keys.Where(k => k.StartsWith(path + ".", StringComparison.Ordinal)));
            else if (Fields.ContainsKey(path))
                leaves.Add(path);
            else
                throw new ValidationFailedException("updateMask",
                    $"« {raw} » n'est pas un champ modifiable du compte (champs de sortie, adresse et type exclus).");
        }
        if (leaves.Count == 0)
            throw new ValidationFailedException("updateMask", "updateMask est obligatoire : nommez les champs à modifier (ex. lastName,connectionAccounts).");
        return leaves.Distinct().ToList();
    }

    /// <summary>Whether <paramref name="field"/> is an editable field (a leaf path), the ones <see cref="Changes"/> compares.</summary>
    public static bool IsEditable(string field) => Fields.ContainsKey(field);

    /// <summary>The stored draft with the masked fields taken from the submitted one.</summary>
    public static AccountDraft Apply(AccountDraft stored, AccountDraft submitted, IEnumerable<string> leaves) =>
        leaves.Aggregate(stored, (draft, leaf) => Fields[leaf].Copy(draft, submitted));

    /// <summary>The leaves whose normalised value differs, with their values before and after.</summary>
    public static IReadOnlyList<(string Field, object? Before, object? After)> Changes(AccountDraft before, AccountDraft after, IEnumerable<string> leaves) =>
        leaves.Select(l => (Field: l, Before: Fields[l].Read(before), After: Fields[l].Read(after)))
            .Where(c => !Equals(c.Before, c.After))
            .ToList();

    /// <summary>"address.postal_code" → "address.postalCode".</summary>
    private static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(part =>
        {
            var words = part.Split('_', StringSplitOptions.RemoveEmptyEntries);
            return words.Length <= 1 ? part : words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        }));
}
