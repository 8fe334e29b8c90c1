using System.Globalization;
using Medimail.Contracts;
using Medimail.Identity.V1;

namespace Medimail.Directory.Projection.Rebuild;

/// <summary>
/// An account of Identity-Registry's feed as the snapshot its events carry, so a rebuild writes entries through the
/// same <see cref="Domain.DirectoryEntry.Apply"/> as the live projection.
/// </summary>
internal static class AccountFeedMapper
{
    public static AccountSnapshot ToSnapshot(this Account a) => new()
    {
        Email = a.Email,
        Type = a.Type.ToString().ToUpperInvariant(),
        State = StateName(a.State),
        StructureId = a.StructureId,
        Version = VersionOf(a.Etag),
        LastName = a.LastName,
        FirstName = a.FirstName,
        Rpps = a.Rpps,
        Adeli = a.Adeli,
        LegalName = a.LegalName,
        ServiceUnit = a.ServiceUnit,
        Address = new AddressSnapshot
        {
            Line1 = a.Address?.Line1,
            Line2 = a.Address?.Line2,
            PostalCode = a.Address?.PostalCode,
            City = a.Address?.City,
            DepartmentCode = a.Address?.DepartmentCode,
            RegionCode = a.Address?.RegionCode,
        },
        Phone1 = a.Phone1,
        Profession = a.Profession,
        Specialty = a.Specialty,
        IndependentPractice = a.IndependentPractice,
        Description = a.Description,
        ExerciseTitle = a.ExerciseTitle,
        MssanteAddress = a.MssanteAddress,
        ReturnAddress = a.ReturnAddress,
        ConnectionAccounts = a.ConnectionAccounts,
        UnlistedRegional = a.UnlistedRegional,
        UnlistedNational = a.UnlistedNational,
        UpdatedAt = a.UpdateTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
    };

    /// <summary>Identity-Registry's etag is its account version, <c>W/"12"</c>: the order events are projected in.</summary>
    public static long VersionOf(string etag)
    {
        var digits = etag.Trim().TrimStart('W', '/').Trim('"');
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidOperationException($"Account etag « {etag} » carries no version.");
    }

    private static string StateName(Account.Types.State state) => state switch
    {
        Account.Types.State.PreRegistered => "PRE_REGISTERED",
        Account.Types.State.PendingValidation => "PENDING_VALIDATION",
        Account.Types.State.Active => "ACTIVE",
        Account.Types.State.Disabled => "DISABLED",
        _ => throw new InvalidOperationException($"Account state {state} is unknown."),
    };
}
