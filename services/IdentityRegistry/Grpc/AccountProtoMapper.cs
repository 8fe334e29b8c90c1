using Google.Protobuf.WellKnownTypes;
using Medimail.Common.V1;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Data;

namespace Medimail.IdentityRegistry.Grpc;

internal static class AccountProtoMapper
{
    public static Account ToProto(this AccountRecord a)
    {
        var proto = new Account
        {
            Email = a.Email,
            Type = System.Enum.Parse<Account.Types.Type>(a.Type, ignoreCase: true),
            State = ProtoState(a.State),
            LastName = a.LastName,
            FirstName = a.FirstName,
            Rpps = a.Rpps ?? "",
            Adeli = a.Adeli ?? "",
            LegalName = a.LegalName ?? "",
            ServiceUnit = a.ServiceUnit ?? "",
            Address = new PostalAddress
            {
                Line1 = a.Address.Line1 ?? "",
                Line2 = a.Address.Line2 ?? "",
                PostalCode = a.Address.PostalCode ?? "",
                City = a.Address.City ?? "",
                DepartmentCode = a.Address.DepartmentCode ?? "",
                RegionCode = a.Address.RegionCode ?? "",
            },
            Phone1 = a.Phone1 ?? "",
            Phone2 = a.Phone2 ?? "",
            Profession = a.Profession ?? "",
            Specialty = a.Specialty ?? "",
            Diploma = a.Diploma ?? "",
            IndependentPractice = a.IndependentPractice,
            StructureIdentifierType = a.StructureIdentifierType is { Length: > 0 } t
                ? System.Enum.Parse<Structure.Types.IdentifierType>(t, ignoreCase: true)
                : Structure.Types.IdentifierType.Unspecified,
            StructureIdentifier = a.StructureIdentifier ?? "",
            ReturnAddress = a.ReturnAddress ?? "",
            Description = a.Description ?? "",
            ExerciseTitle = a.ExerciseTitle ?? "",
            MssanteParticle = a.MssanteParticle ?? "",
            MssanteAddress = a.MssanteAddress ?? "",
            ApicryptParticle = a.ApicryptParticle ?? "",
            ApicryptSpecialty = a.ApicryptSpecialty ?? "",
            ExpiresOn = a.ExpiresOn?.ToString("yyyy-MM-dd") ?? "",
            UnlistedRegional = a.UnlistedRegional,
            UnlistedNational = a.UnlistedNational,
            StructureId = a.StructureId.ToString(),
            CreateTime = Timestamp.FromDateTimeOffset(a.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(a.UpdatedAt),
            Etag = Etags.Of(a.Version),
        };
        if (a.Responsible.LastName is not null || a.Responsible.Identifier is not null)
        {
            proto.Responsible = new AccountableProfessional
            {
                LastName = a.Responsible.LastName ?? "",
                FirstName = a.Responsible.FirstName ?? "",
                Profession = a.Responsible.Profession ?? "",
                Identifier = a.Responsible.Identifier ?? "",
            };
        }
        proto.ConnectionAccounts.AddRange(a.ConnectionAccounts);
        proto.Warnings.AddRange(a.Warnings);
        return proto;
    }

    /// <summary>Stored states use the API's names ("PRE_REGISTERED"); the C# enum drops the underscores.</summary>
    public static Account.Types.State ProtoState(string state) =>
        System.Enum.Parse<Account.Types.State>(state.Replace("_", ""), ignoreCase: true);

    public static string? StateName(Account.Types.State state) => state switch
    {
        Account.Types.State.PreRegistered => "PRE_REGISTERED",
        Account.Types.State.PendingValidation => "PENDING_VALIDATION",
        Account.Types.State.Active => "ACTIVE",
        Account.Types.State.Disabled => "DISABLED",
        _ => null,
    };

    public static string? TypeName(Account.Types.Type type) =>
        type == Account.Types.Type.Unspecified ? null : type.ToString().ToUpperInvariant();
}
