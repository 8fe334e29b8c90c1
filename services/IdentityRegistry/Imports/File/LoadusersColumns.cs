using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Domain.Reference;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>One column of the loadusers file: its exact header, the rules' field path it feeds, and its exported value.</summary>
internal sealed record LoadusersColumn(string Header, string? Field, Func<AccountRecord, string?> Export);

/// <summary>
/// The loadusers columns of docs/domain.md, in the file's order. The import finds them in any order, case- and
/// accent-insensitively; the export writes exactly these headers so that its file imports back unchanged.
/// </summary>
internal static class LoadusersColumns
{
    public const string Email = "Adresse mail";
    public const string Alias = "Alias";
    public const string Structure = "Structure";

    public static readonly IReadOnlyList<LoadusersColumn> All =
    [
        new(Email, AccountFields.Email, a => a.Email),
        new("NOM", AccountFields.LastName, a => a.LastName),
        new("Prénom", AccountFields.FirstName, a => a.FirstName),
        new("RPPS", AccountFields.Rpps, a => a.Rpps),
        new("ADELI", AccountFields.Adeli, a => a.Adeli),
        new("Raison Sociale", AccountFields.LegalName, a => a.LegalName),
        new("Service de rattachement", AccountFields.ServiceUnit, a => a.ServiceUnit),
        new("Adresse (1)", AccountFields.AddressLine1, a => a.Address.Line1),
        new("Adresse (2)", AccountFields.AddressLine2, a => a.Address.Line2),
        new("CP", AccountFields.PostalCode, a => a.Address.PostalCode),
        new("VILLE", AccountFields.City, a => a.Address.City),
        new("Département", AccountFields.DepartmentCode, a => a.Address.DepartmentCode),
        new("Région", AccountFields.RegionCode, a => a.Address.RegionCode),
        new("Téléphone (1)", AccountFields.Phone1, a => a.Phone1),
        new("Téléphone (2)", AccountFields.Phone2, a => a.Phone2),
        new("Profession", AccountFields.Profession, a => a.Profession),
        new("Spécialité", AccountFields.Specialty, a => a.Specialty),
        new("Diplôme", AccountFields.Diploma, a => a.Diploma),
        new("Activité libérale", AccountFields.IndependentPractice, a => FrenchYesNo.Format(a.IndependentPractice)),
        new("Type BAL", AccountFields.Type, a => a.Type),
        new("Type identifiant structure resp", AccountFields.StructureIdentifierType, a => a.StructureIdentifierType),
        new("Identifiant structure resp", AccountFields.StructureIdentifier, a => a.StructureIdentifier),
        new("Adresse de retour", AccountFields.ReturnAddress, a => a.ReturnAddress),
        new("Nom resp", AccountFields.ResponsibleLastName, a => a.Responsible.LastName),
        new("Prénom resp", AccountFields.ResponsibleFirstName, a => a.Responsible.FirstName),
        new("Profession resp", AccountFields.ResponsibleProfession, a => a.Responsible.Profession),
        new("Identifiant resp", AccountFields.ResponsibleIdentifier, a => a.Responsible.Identifier),
        new("Description fonctionnelle", AccountFields.Description, a => a.Description),
        new("Civilité exercice", AccountFields.ExerciseTitle, a => a.ExerciseTitle),
        new("MSSanté adresse", AccountFields.MssanteParticle, a => a.MssanteParticle),
        new("Apicrypt adresse", AccountFields.ApicryptParticle, a => a.ApicryptParticle),
        new("Apicrypt spécialité", AccountFields.ApicryptSpecialty, a => a.ApicryptSpecialty),
        // The source's AA-MM-JJ; the import also accepts yyyy-MM-dd, but a French spreadsheet keeps AA-MM-JJ as text.
        new("Date de péremption", AccountFields.ExpiresOn, a => a.ExpiresOn?.ToString("yy-MM-dd")),
        new(Alias, null, _ => null),
        new("Compte(s) de connexion", AccountFields.ConnectionAccounts, a => string.Join(';', a.ConnectionAccounts)),
        new(Structure, null, _ => null),
    ];

    private static readonly Dictionary<string, LoadusersColumn> ByKey = All.ToDictionary(c => LabelKey.For(c.Header));

    private static readonly Dictionary<string, string> HeaderOfField = All
        .Where(c => c.Field is not null).ToDictionary(c => c.Field!, c => c.Header);

    /// <summary>"prenom", "PRÉNOM " and "Prénom" are the same column.</summary>
    public static LoadusersColumn? Find(string header) => ByKey.GetValueOrDefault(LabelKey.For(header));

    /// <summary>The column an error of the rules points at: "connectionAccounts[1]" is "Compte(s) de connexion".</summary>
    public static string HeaderOf(string field)
    {
        var bracket = field.IndexOf('[');
        var path = bracket < 0 ? field : field[..bracket];
        return HeaderOfField.GetValueOrDefault(path, field);
    }
}
