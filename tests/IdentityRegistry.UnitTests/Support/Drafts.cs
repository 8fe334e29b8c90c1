using Medimail.IdentityRegistry.Domain.Accounts;

namespace Medimail.IdentityRegistry.UnitTests.Support;

/// <summary>One valid account of each type; each test breaks exactly one thing with "with".</summary>
internal static class Drafts
{
    public const string ExistingPerson = "dr.existant@chu-toulouse.fr";
    public const string ExistingOrg = "accueil@chu-toulouse.fr";
    public const string ExistingApp = "no-reply-labo@chu-toulouse.fr";

    // Luhn-valid RPPS numbers.
    public const string Rpps = "10123456781";
    public const string ResponsibleRpps = "10987654323";

    public static AccountRules Rules { get; } = new(Domain.Reference.ReferenceData.Default, FixedClock.Default);

    public static InMemoryAccountDirectory Directory() => new InMemoryAccountDirectory()
        .With(ExistingPerson, AccountType.Per)
        .With(ExistingOrg, AccountType.Org)
        .With(ExistingApp, AccountType.App);

    public static AddressDraft Toulouse { get; } = new()
    {
        Line1 = "1 place du Docteur Baylac",
        PostalCode = "31059",
        City = "TOULOUSE",
        DepartmentCode = "31",
        RegionCode = "76",
    };

    public static ResponsibleDraft Responsible { get; } = new()
    {
        LastName = "MARTIN",
        FirstName = "Claire",
        Profession = "10",
        Identifier = ResponsibleRpps,
    };

    public static AccountDraft Per => new()
    {
        Email = "jean.dupont@chu-toulouse.fr",
        Type = "PER",
        LastName = "DUPONT",
        FirstName = "Jean",
        Rpps = Rpps,
        Profession = "10",
        Specialty = "SM54",
        Address = Toulouse,
        IndependentPractice = false,
    };

    public static AccountDraft Int => new()
    {
        Email = "maria.garcia@chu-toulouse.fr",
        Type = "INT",
        LastName = "GARCIA",
        FirstName = "Maria",
        Profession = "10",
        ExerciseTitle = "DR",
        StructureIdentifierType = "FINESS",
        StructureIdentifier = "310781406",
        Address = Toulouse,
        IndependentPractice = false,
    };

    public static AccountDraft Org => new()
    {
        Email = "secretariat.cardiologie@chu-toulouse.fr",
        Type = "ORG",
        LastName = "SECRÉTARIAT",
        FirstName = "Cardiologie CHU de Toulouse",
        Profession = "MM-SEC",
        StructureIdentifierType = "SIRET",
        StructureIdentifier = "73282932000074",
        Responsible = Responsible,
        Description = "Secrétariat du service de cardiologie",
        ConnectionAccounts = [ExistingPerson],
        Address = Toulouse,
        IndependentPractice = false,
    };

    public static AccountDraft Med => new()
    {
        Email = "sophie.bernard@chu-toulouse.fr",
        Type = "MED",
        LastName = "BERNARD",
        FirstName = "Sophie",
        Profession = "MM-SEC",
        Address = Toulouse,
        IndependentPractice = false,
    };

    public static AccountDraft App => new()
    {
        Email = "no-reply-radiologie@chu-toulouse.fr",
        Type = "APP",
        LastName = "RADIOLOGIE",
        FirstName = "CHU de Toulouse",
        ReturnAddress = ExistingOrg,
        Responsible = Responsible,
        Description = "Comptes rendus de radiologie envoyés automatiquement",
        ConnectionAccounts = [ExistingPerson],
        Address = Toulouse,
    };

    public static Domain.Validation.ValidationResult Validate(AccountDraft draft) => Rules.Validate(draft, Directory());
}
