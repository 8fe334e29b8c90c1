using static Medimail.IdentityRegistry.Domain.Accounts.FieldPresence;

namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// The loadusers table of the account-creation guide (« Guide de création des comptes »), column by column, plus an APP column:
/// APP boxes are not loaded by file in the source, so their column follows the APP guide (« Créer et paramétrer une BAL applicative »):
/// return address, accountable professional, description and connection accounts mandatory, the
/// common identity and location fields as for the other types, and no profession or independent
/// practice required of a piece of software.
/// </summary>
public static class PresenceMatrix
{
    private static readonly Dictionary<string, FieldPresence[]> Table = new()
    {
        //                                          PER          INT          ORG          MED          APP
        [AccountFields.Email] =                   [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Mandatory],
        [AccountFields.LastName] =                [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Mandatory],
        [AccountFields.FirstName] =               [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Mandatory],
        [AccountFields.Rpps] =                    [Conditional, Forbidden,   Forbidden,   Forbidden,   Forbidden],
        [AccountFields.Adeli] =                   [Conditional, Forbidden,   Forbidden,   Forbidden,   Forbidden],
        [AccountFields.LegalName] =               [Recommended, Recommended, Recommended, Recommended, Recommended],
        [AccountFields.ServiceUnit] =             [Optional,    Optional,    Optional,    Optional,    Optional],
        [AccountFields.AddressLine1] =            [Recommended, Recommended, Recommended, Recommended, Recommended],
        [AccountFields.AddressLine2] =            [Optional,    Optional,    Optional,    Optional,    Optional],
        [AccountFields.PostalCode] =              [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Mandatory],
        [AccountFields.City] =                    [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Mandatory],
        [AccountFields.DepartmentCode] =          [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Mandatory],
        [AccountFields.RegionCode] =              [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Mandatory],
        [AccountFields.Phone1] =                  [Optional,    Optional,    Optional,    Optional,    Optional],
        [AccountFields.Phone2] =                  [Optional,    Optional,    Optional,    Optional,    Optional],
        [AccountFields.Profession] =              [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Optional],
        [AccountFields.Specialty] =               [Recommended, Recommended, Recommended, Recommended, Optional],
        [AccountFields.Diploma] =                 [Forbidden,   Conditional, Forbidden,   Forbidden,   Forbidden],
        [AccountFields.IndependentPractice] =     [Mandatory,   Mandatory,   Mandatory,   Mandatory,   Optional],
        [AccountFields.StructureIdentifierType] = [Forbidden,   Mandatory,   Mandatory,   Forbidden,   Optional],
        [AccountFields.StructureIdentifier] =     [Forbidden,   Mandatory,   Mandatory,   Forbidden,   Optional],
        [AccountFields.ReturnAddress] =           [Forbidden,   Forbidden,   Forbidden,   Forbidden,   Mandatory],
        [AccountFields.ResponsibleLastName] =     [Forbidden,   Forbidden,   Mandatory,   Forbidden,   Mandatory],
        [AccountFields.ResponsibleFirstName] =    [Forbidden,   Forbidden,   Mandatory,   Forbidden,   Mandatory],
        [AccountFields.ResponsibleProfession] =   [Forbidden,   Forbidden,   Mandatory,   Forbidden,   Mandatory],
        [AccountFields.ResponsibleIdentifier] =   [Forbidden,   Forbidden,   Mandatory,   Forbidden,   Mandatory],
        [AccountFields.Description] =             [Forbidden,   Forbidden,   Mandatory,   Forbidden,   Mandatory],
        [AccountFields.ExerciseTitle] =           [Forbidden,   Conditional, Forbidden,   Forbidden,   Forbidden],
        [AccountFields.MssanteParticle] =         [Optional,    Optional,    Optional,    Forbidden,   Optional],
        [AccountFields.ApicryptParticle] =        [Optional,    Optional,    Optional,    Optional,    Optional],
        [AccountFields.ApicryptSpecialty] =       [Conditional, Conditional, Conditional, Conditional, Conditional],
        [AccountFields.ExpiresOn] =               [Optional,    Optional,    Optional,    Optional,    Optional],
        [AccountFields.ConnectionAccounts] =      [Forbidden,   Forbidden,   Mandatory,   Forbidden,   Mandatory],
        [AccountFields.UnlistedRegional] =        [Optional,    Optional,    Optional,    Optional,    Optional],
        [AccountFields.UnlistedNational] =        [Optional,    Optional,    Optional,    Optional,    Optional],
    };

    /// <summary>Every field the matrix covers, in the loadusers column order.</summary>
    public static IReadOnlyCollection<string> Fields => Table.Keys;

    public static FieldPresence For(string field, AccountType type) =>
        Table.TryGetValue(field, out var row) ? row[(int)type] : Optional;
}
