using Medimail.Contracts;
using Medimail.Testing;

namespace Medimail.Directory.IntegrationTests;

/// <summary>Account snapshots as Identity-Registry publishes them, unique to the test that makes them.</summary>
public static class Accounts
{
    /// <summary>A word no other test or run uses, to put in names and search for. Starts with letters so it is never read as an RPPS.</summary>
    public static string Tag() => "zq" + Unique.Suffix();

    public static AccountSnapshot Active(string type, string lastName, string firstName, long version = 1) => new()
    {
        Email = Unique.Email(type.ToLowerInvariant()),
        Type = type,
        State = "ACTIVE",
        StructureId = "structure-tests",
        Version = version,
        LastName = lastName,
        FirstName = firstName,
        Rpps = type == "PER" ? Digits(11) : null,
        LegalName = "Centre hospitalier de test",
        Address = new AddressSnapshot
        {
            Line1 = "1 rue de la Paix",
            PostalCode = "31000",
            City = "TOULOUSE",
            DepartmentCode = "31",
            RegionCode = "76",
        },
        Profession = "10",
        Phone1 = "0561000000",
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    public static AccountSnapshot Person(string lastName, string firstName, long version = 1) =>
        Active("PER", lastName, firstName, version);

    /// <summary>Random digits, the first never 0, so the value reads as an RPPS or ADELI number.</summary>
    public static string Digits(int length) =>
        Random.Shared.Next(1, 10) + string.Concat(Enumerable.Range(1, length - 1).Select(_ => Random.Shared.Next(10)));
}
