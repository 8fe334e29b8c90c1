namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// Field paths of <see cref="Validation.FieldViolation"/>: the proto3 JSON names relative to the
/// account. The gRPC layer prefixes "account."; the import maps them to loadusers columns.
/// </summary>
public static class AccountFields
{
    public const string Email = "email";
    public const string Type = "type";
    public const string LastName = "lastName";
    public const string FirstName = "firstName";
    public const string Rpps = "rpps";
    public const string Adeli = "adeli";
    public const string LegalName = "legalName";
    public const string ServiceUnit = "serviceUnit";
    public const string AddressLine1 = "address.line1";
    public const string AddressLine2 = "address.line2";
    public const string PostalCode = "address.postalCode";
    public const string City = "address.city";
    public const string DepartmentCode = "address.departmentCode";
    public const string RegionCode = "address.regionCode";
    public const string Phone1 = "phone1";
    public const string Phone2 = "phone2";
    public const string Profession = "profession";
    public const string Specialty = "specialty";
    public const string Diploma = "diploma";
    public const string IndependentPractice = "independentPractice";
    public const string StructureIdentifierType = "structureIdentifierType";
    public const string StructureIdentifier = "structureIdentifier";
    public const string ReturnAddress = "returnAddress";
    public const string ResponsibleLastName = "responsible.lastName";
    public const string ResponsibleFirstName = "responsible.firstName";
    public const string ResponsibleProfession = "responsible.profession";
    public const string ResponsibleIdentifier = "responsible.identifier";
    public const string Description = "description";
    public const string ExerciseTitle = "exerciseTitle";
    public const string MssanteParticle = "mssanteParticle";
    public const string ApicryptParticle = "apicryptParticle";
    public const string ApicryptSpecialty = "apicryptSpecialty";
    public const string ExpiresOn = "expiresOn";
    public const string ConnectionAccounts = "connectionAccounts";
    public const string UnlistedRegional = "unlistedRegional";
    public const string UnlistedNational = "unlistedNational";

    /// <summary>"connectionAccounts[2]": the position in the normalised list.</summary>
    public static string ConnectionAccount(int index) => $"{ConnectionAccounts}[{index}]";
}
