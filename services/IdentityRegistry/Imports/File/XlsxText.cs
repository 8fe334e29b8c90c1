using System.Text.RegularExpressions;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// Cell text as OOXML stores it (ST_Xstring): XML drops a carriage return from text, so a CR is written as the escape
/// <c>_x000D_</c>, as Excel does, and an underscore that would read as an escape is itself escaped (<c>_x005F_</c>).
/// The export writes with <see cref="Escape"/> and the import reads with <see cref="Unescape"/>, so a value holding
/// "\r\n" (a multi-line address from a CSV file) comes back from an XLSX export unchanged.
/// </summary>
internal static partial class XlsxText
{
    public static string Escape(string value) =>
        EscapeLike().Replace(value, "_x005F_").Replace("\r", "_x000D_", StringComparison.Ordinal);

    public static string? Unescape(string? value) =>
        value is null || !value.Contains("_x", StringComparison.Ordinal) ? value
            : Escaped().Replace(value, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)")]
    private static partial Regex EscapeLike();

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();
}
