using Medimail.Contracts;

namespace Medimail.Mailbox.UnitTests;

internal static class Snapshots
{
    public static AccountSnapshot Org(string email, long version, params string[] connectionAccounts) => new()
    {
        Email = email,
        Type = "ORG",
        State = "ACTIVE",
        StructureId = "structure-1",
        Version = version,
        LastName = "Secrétariat",
        FirstName = "EHPAD Les Mimosas",
        Description = "Secrétariat médical de l'EHPAD Les Mimosas",
        ConnectionAccounts = connectionAccounts,
    };

    public static AccountSnapshot Person(string email, long version = 1) => new()
    {
        Email = email,
        Type = "PER",
        State = "ACTIVE",
        StructureId = "structure-1",
        Version = version,
        LastName = "DURAND",
        FirstName = "Camille",
    };
}
