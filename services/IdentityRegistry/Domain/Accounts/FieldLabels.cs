namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>How messages name each field: the loadusers column an administrator knows, with its article.</summary>
internal static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        [AccountFields.Email] = "L'adresse mail",
        [AccountFields.Type] = "Le type de BAL",
        [AccountFields.LastName] = "Le NOM",
        [AccountFields.FirstName] = "Le prénom",
        [AccountFields.Rpps] = "Le numéro RPPS",
        [AccountFields.Adeli] = "Le numéro ADELI",
        [AccountFields.LegalName] = "La raison sociale",
        [AccountFields.ServiceUnit] = "Le service de rattachement",
        [AccountFields.AddressLine1] = "L'adresse (1)",
        [AccountFields.AddressLine2] = "L'adresse (2)",
        [AccountFields.PostalCode] = "Le code postal (CP)",
        [AccountFields.City] = "La VILLE",
        [AccountFields.DepartmentCode] = "Le département",
        [AccountFields.RegionCode] = "La région",
        [AccountFields.Phone1] = "Le téléphone (1)",
        [AccountFields.Phone2] = "Le téléphone (2)",
        [AccountFields.Profession] = "La profession",
        [AccountFields.Specialty] = "La spécialité",
        [AccountFields.Diploma] = "Le diplôme",
        [AccountFields.IndependentPractice] = "L'activité libérale (OUI ou NON)",
        [AccountFields.StructureIdentifierType] = "Le type d'identifiant de structure",
        [AccountFields.StructureIdentifier] = "L'identifiant de structure",
        [AccountFields.ReturnAddress] = "L'adresse de retour",
        [AccountFields.ResponsibleLastName] = "Le nom du responsable",
        [AccountFields.ResponsibleFirstName] = "Le prénom du responsable",
        [AccountFields.ResponsibleProfession] = "La profession du responsable",
        [AccountFields.ResponsibleIdentifier] = "L'identifiant (RPPS ou ADELI) du responsable",
        [AccountFields.Description] = "La description fonctionnelle",
        [AccountFields.ExerciseTitle] = "La civilité d'exercice",
        [AccountFields.MssanteParticle] = "L'adresse MSSanté",
        [AccountFields.ApicryptParticle] = "L'adresse Apicrypt",
        [AccountFields.ApicryptSpecialty] = "La spécialité Apicrypt",
        [AccountFields.ExpiresOn] = "La date de péremption",
        [AccountFields.ConnectionAccounts] = "Le compte de connexion",
        [AccountFields.UnlistedRegional] = "La liste rouge régionale",
        [AccountFields.UnlistedNational] = "La liste rouge nationale",
    };

    // Why a field must stay empty, when the reason does not depend on the type.
    private static readonly Dictionary<string, string> ForbiddenBecause = new()
    {
        [AccountFields.Rpps] = "seule une BAL PER porte un RPPS ou un ADELI",
        [AccountFields.Adeli] = "seule une BAL PER porte un RPPS ou un ADELI",
        [AccountFields.Diploma] = "il ne concerne que les BAL INT",
        [AccountFields.StructureIdentifierType] = "il ne concerne que les BAL INT, ORG et APP",
        [AccountFields.StructureIdentifier] = "il ne concerne que les BAL INT, ORG et APP",
        [AccountFields.ReturnAddress] = "seule une BAL APP a une adresse de retour",
        [AccountFields.ResponsibleLastName] = "seules les BAL ORG et APP ont un responsable",
        [AccountFields.ResponsibleFirstName] = "seules les BAL ORG et APP ont un responsable",
        [AccountFields.ResponsibleProfession] = "seules les BAL ORG et APP ont un responsable",
        [AccountFields.ResponsibleIdentifier] = "seules les BAL ORG et APP ont un responsable",
        [AccountFields.Description] = "seules les BAL ORG et APP ont une description fonctionnelle",
        [AccountFields.ExerciseTitle] = "elle ne concerne que les BAL INT",
        [AccountFields.MssanteParticle] = "ce type de BAL n'apparaît pas dans l'annuaire national MSSanté",
        [AccountFields.ConnectionAccounts] = "seules les BAL ORG et APP ont des comptes de connexion",
    };

    public static string Of(string field) => Labels.TryGetValue(field, out var label) ? label : field;

    public static string Mandatory(string field, AccountType type) =>
        field == AccountFields.ConnectionAccounts
            ? $"Au moins un compte de connexion (compte nominatif PER, INT ou MED) est obligatoire pour une BAL {type.ToCode()}, même utilisée depuis un logiciel."
            : $"{Of(field)} est obligatoire pour une BAL {type.ToCode()}.";

    public static string Forbidden(string field, AccountType type)
    {
        var subject = field == AccountFields.ConnectionAccounts ? "Les comptes de connexion doivent" : $"{Of(field)} doit";
        var empty = field == AccountFields.ConnectionAccounts ? "vides" : "vide";
        return ForbiddenBecause.TryGetValue(field, out var reason)
            ? $"{subject} rester {empty} pour une BAL {type.ToCode()} : {reason}."
            : $"{subject} rester {empty} pour une BAL {type.ToCode()}.";
    }
}
