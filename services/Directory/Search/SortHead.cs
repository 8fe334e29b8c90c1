namespace Medimail.Directory.Search;

/// <summary>
/// The first eight characters of a sort key packed into one number that orders as the strings do (ordinal), so most
/// comparisons of two keys, and the "starts with" of a short query, need no trip to the strings themselves. Only keys
/// whose first eight characters are ASCII are packed (folded names nearly always are); others always compare in full.
/// </summary>
internal readonly record struct SortHead(ulong Bits, int Length, bool Packed)
{
    private const int Chars = 8;

    public static SortHead Of(string key)
    {
        ulong bits = 0;
        for (var i = 0; i < Chars; i++)
        {
            var c = i < key.Length ? key[i] : '\0';
            if (c > 0x7F)
                return new SortHead(0, key.Length, Packed: false);
            bits = (bits << 8) | c;
        }
        return new SortHead(bits, key.Length, Packed: true);
    }

    /// <summary>The order of two keys when their heads decide it, or 0 when only the full strings can.</summary>
    public int QuickCompare(SortHead other) =>
        Packed && other.Packed && Bits != other.Bits ? Bits.CompareTo(other.Bits) : 0;

    /// <summary>Whether the key starts with <paramref name="prefix"/>; null when the heads cannot tell.</summary>
    public bool? StartsWith(SortHead prefix)
    {
        if (!Packed || !prefix.Packed || prefix.Length > Chars)
            return null;
        if (prefix.Length > Length)
            return false;
        var mask = prefix.Length == 0 ? 0UL : ulong.MaxValue << (8 * (Chars - prefix.Length));
        return (Bits & mask) == prefix.Bits;
    }

    /// <summary>Whether the key equals <paramref name="other"/>; null when the heads cannot tell.</summary>
    public bool? SameAs(SortHead other) =>
        Length != other.Length ? false
        : Packed && other.Packed && Length <= Chars ? Bits == other.Bits
        : null;
}
