using Medimail.Directory.Domain;

namespace Medimail.Directory.Search;

/// <summary>What filters and ordering read of one entry, as small values kept side by side in one array.</summary>
internal readonly record struct SlotFacts(byte Listed, int Type, int Profession, int Department, int PostalCode, int City, SortHead LastName)
{
    public const byte Regional = 1;
    public const byte National = 2;

    public static SlotFacts Of(DirectoryEntry row, ValueCodes codes) => new(
        (byte)((row.ListedRegional ? Regional : 0) | (row.ListedNational ? National : 0)),
        codes.CodeOf(row.Type),
        codes.CodeOf(row.Profession),
        codes.CodeOf(row.DepartmentCode),
        codes.CodeOf(row.PostalCode),
        codes.CodeOf(row.CityKey),
        SortHead.Of(row.LastNameKey));
}
