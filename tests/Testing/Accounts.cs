using Medimail.Common.V1;
using Medimail.Identity.V1;

namespace Medimail.Testing;

/// <summary>One valid account of each type, unique to the test; a test breaks exactly one thing.</summary>
public static class Accounts
{
    // Luhn-valid RPPS numbers.
    public const string Rpps = "10123456781";
    public const string ResponsibleRpps = "10987654323";

    public static PostalAddress Toulouse() => new()
    {
        Line1 = "1 place du Docteur Baylac",
        PostalCode = "31059",
        City = "Toulouse",
        DepartmentCode = "31",
        RegionCode = "76",
    };

    public static AccountableProfessional Responsible() => new()
    {
        LastName = "MARTIN",
        FirstName = "Claire",
        Profession = "10",
        Identifier = ResponsibleRpps,
    };

    public static Account Per(string? email = null) => new()
    {
        Email = email ?? Unique.Email("jean.dupont"),
        Type = Account.Types.Type.Per,
        LastName = "Dupont",
        FirstName = "Jean-François",
        Rpps = Rpps,
        Profession = "10",
        Specialty = "SM54",
        Address = Toulouse(),
        IndependentPractice = false,
    };

    public static Account Int(string? email = null) => new()
    {
        Email = email ?? Unique.Email("maria.garcia"),
        Type = Account.Types.Type.Int,
        LastName = "GARCIA",
        FirstName = "Maria",
        Profession = "10",
        ExerciseTitle = "DR",
        StructureIdentifierType = Structure.Types.IdentifierType.Finess,
        StructureIdentifier = "310781406",
        Address = Toulouse(),
        IndependentPractice = false,
    };

    public static Account Med(string? email = null) => new()
    {
        Email = email ?? Unique.Email("sophie.bernard"),
        Type = Account.Types.Type.Med,
        LastName = "BERNARD",
        FirstName = "Sophie",
        Profession = "MM-SEC",
        Address = Toulouse(),
        IndependentPractice = false,
    };

    /// <summary>A shared box reached through <paramref name="connectionAccount"/> (an existing nominative account).</summary>
    public static Account Org(string connectionAccount, string? email = null) => new()
    {
        Email = email ?? Unique.Email("secretariat"),
        Type = Account.Types.Type.Org,
        LastName = "SECRÉTARIAT",
        FirstName = "Cardiologie " + Unique.Suffix(),
        Profession = "MM-SEC",
        StructureIdentifierType = Structure.Types.IdentifierType.Siret,
        StructureIdentifier = "73282932000074",
        Responsible = Responsible(),
        Description = "Secrétariat du service de cardiologie",
        ConnectionAccounts = { connectionAccount },
        MssanteParticle = "secretariat." + Unique.Suffix(),
        Address = Toulouse(),
        IndependentPractice = false,
    };

    /// <summary>A send-only box whose replies go to <paramref name="returnAddress"/> (an existing box).</summary>
    public static Account App(string connectionAccount, string returnAddress, string? email = null) => new()
    {
        Email = email ?? Unique.Email("no-reply-radiologie"),
        Type = Account.Types.Type.App,
        LastName = "RADIOLOGIE",
        FirstName = "CHU de Toulouse",
        ReturnAddress = returnAddress,
        Responsible = Responsible(),
        Description = "Comptes rendus de radiologie envoyés automatiquement",
        ConnectionAccounts = { connectionAccount },
        Address = Toulouse(),
    };

    /// <summary>A structure with a fresh, valid SIRET (Luhn), so tests never collide on the national id.</summary>
    public static CreateStructureRequest NewStructure() => new()
    {
        Name = "Clinique des Sapins " + Unique.Suffix(),
        IdentifierType = Identity.V1.Structure.Types.IdentifierType.Siret,
        Identifier = RandomSiret(),
        MssanteDomain = "clinique-sapins.mssante.fr",
    };

    public static string RandomSiret()
    {
        var digits = string.Concat(Enumerable.Range(0, 13).Select(_ => Random.Shared.Next(10)));
        for (var check = 0; check < 10; check++)
        {
            var candidate = digits + check;
            if (IsLuhn(candidate) && !candidate.StartsWith("356000000", StringComparison.Ordinal))
                return candidate;
        }
        throw new InvalidOperationException("unreachable: one check digit always satisfies Luhn");
    }

    private static bool IsLuhn(string number)
    {
        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var d = number[number.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
