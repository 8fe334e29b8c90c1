namespace Medimail.Directory.Search;

/// <summary>
/// Small numbers for the values searches filter on (type, profession, département, postcode, city), so a filter
/// compares two integers from a compact array instead of reaching two strings. 0 stands for "no value".
/// </summary>
internal sealed class ValueCodes
{
    /// <summary>A filter value no entry holds: matches nothing.</summary>
    public const int Unknown = -1;
    private readonly Dictionary<string, int> codes = new(StringComparer.Ordinal);

    public int CodeOf(string? value)
    {
        if (value is null) return 0;
        if (!codes.TryGetValue(value, out var code))
            codes[value] = code = codes.Count + 1;
        return code;
    }

    /// <summary>The code of a filter value, without adding it: searches only read.</summary>
    public int Find(string value) => codes.TryGetValue(value, out var code) ? code : Unknown;
}
