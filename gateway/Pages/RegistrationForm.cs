using Medimail.Common.V1;
using Medimail.Identity.V1;
using Microsoft.Extensions.Primitives;

namespace Medimail.Gateway.Pages;

/// <summary>
/// The fields of /inscription and where each goes in RegisterRequest (API field path), so a violation from
/// Identity-Registry lands next to the field that caused it. One existing and one new nominative account per form:
/// enough for the common case; more can be attached by the service centre or by registering again.
/// </summary>
internal sealed class RegistrationForm
{
    public static readonly IReadOnlyDictionary<string, string> FieldOfPath = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["box.email"] = "boxEmail", ["box.lastName"] = "boxLastName", ["box.firstName"] = "boxFirstName",
        ["box.legalName"] = "legalName", ["box.structureIdentifierType"] = "identifierType", ["box.structureIdentifier"] = "identifier",
        ["box.responsible.lastName"] = "respLastName", ["box.responsible.firstName"] = "respFirstName",
        ["box.responsible.profession"] = "respProfession", ["box.responsible.identifier"] = "respIdentifier",
        ["box.profession"] = "respProfession", ["box.description"] = "description",
        ["box.address.line1"] = "line1", ["box.address.postalCode"] = "postalCode", ["box.address.city"] = "city",
        ["box.address.departmentCode"] = "departmentCode", ["box.phone1"] = "phone",
        ["existingAccounts"] = "existingEmail", ["existingAccounts[0].email"] = "existingEmail", ["existingAccounts[0].password"] = "existingPassword",
        ["newAccounts[0].account.type"] = "newType", ["newAccounts[0].account.email"] = "newEmail",
        ["newAccounts[0].account.lastName"] = "newLastName", ["newAccounts[0].account.firstName"] = "newFirstName",
        ["newAccounts[0].account.profession"] = "newProfession", ["newAccounts[0].account.rpps"] = "newRpps",
        ["newAccounts[0].account.adeli"] = "newRpps", ["newAccounts[0].password"] = "newPassword",
    };

    private static readonly HashSet<string> Secret = ["existingPassword", "newPassword"];

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public List<(string Field, string Message)> Errors { get; } = [];

    public string Value(string name) => Values.GetValueOrDefault(name, "");

    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    public static RegistrationForm Empty() => new() { Values = { ["requestId"] = Guid.NewGuid().ToString(), ["identifierType"] = "FINESS", ["newType"] = "PER" } };

    /// <summary>What was posted; the passwords are kept only for the request, never echoed into the page.</summary>
    public static RegistrationForm Read(IFormCollection form)
    {
        var read = new RegistrationForm();
        foreach (var (key, value) in form)
            if (key.Length <= 40 && (FieldOfPath.Values.Contains(key) || key is "requestId" or "unlistedRegional" or "unlistedNational"))
                read.Values[key] = Trim(value);
        if (!Guid.TryParse(read.Value("requestId"), out _))
            read.Values["requestId"] = Guid.NewGuid().ToString();
        return read;
    }

    public RegistrationForm WithoutSecrets()
    {
        var copy = new RegistrationForm();
        foreach (var (key, value) in Values.Where(v => !Secret.Contains(v.Key)))
            copy.Values[key] = value;
        copy.Errors.AddRange(Errors);
        return copy;
    }

    public RegisterRequest ToRequest()
    {
        var address = new PostalAddress { Line1 = Value("line1"), PostalCode = Value("postalCode"), City = Value("city"), DepartmentCode = Value("departmentCode") };
        var box = new Account
        {
            Type = Account.Types.Type.Org,
            Email = Value("boxEmail"),
            LastName = Value("boxLastName"),
            FirstName = Value("boxFirstName"),
            LegalName = Value("legalName"),
            StructureIdentifierType = Enum.TryParse<Structure.Types.IdentifierType>(Value("identifierType"), true, out var t) ? t : Structure.Types.IdentifierType.Unspecified,
            StructureIdentifier = Value("identifier"),
            Responsible = new AccountableProfessional
            {
                LastName = Value("respLastName"), FirstName = Value("respFirstName"),
                Profession = Value("respProfession"), Identifier = Value("respIdentifier"),
            },
            // The box's profession is its accountable professional's: the team's own.
            Profession = Value("respProfession"),
            Description = Value("description"),
            Address = address,
            Phone1 = Value("phone"),
            IndependentPractice = true,
            UnlistedRegional = Values.ContainsKey("unlistedRegional"),
            UnlistedNational = Values.ContainsKey("unlistedNational"),
        };
        var request = new RegisterRequest { Box = box, RequestId = Value("requestId") };
        if (Value("existingEmail").Length > 0)
            request.ExistingAccounts.Add(new ExistingAccount { Email = Value("existingEmail"), Password = Value("existingPassword") });
        if (Value("newEmail").Length > 0)
        {
            var identifier = Value("newRpps");
            var person = new Account
            {
                Type = Value("newType") == "MED" ? Account.Types.Type.Med : Account.Types.Type.Per,
                Email = Value("newEmail"),
                LastName = Value("newLastName"),
                FirstName = Value("newFirstName"),
                Profession = Value("newProfession"),
                Rpps = identifier.Length == 11 ? identifier : "",
                Adeli = identifier.Length == 9 ? identifier : "",
                Address = address.Clone(),
                IndependentPractice = true,
            };
            request.NewAccounts.Add(new NewAccount { Account = person, Password = Value("newPassword") });
        }
        return request;
    }

    private static string Trim(StringValues value)
    {
        var text = value.ToString().Trim();
        return text.Length > 512 ? text[..512] : text;
    }
}
