using System.Globalization;
using System.Text;

namespace Medimail.Directory.Domain;

/// <summary>
/// Folds names into the form searches compare: lower case, accents and ligatures removed, every character that is not
/// a letter or a digit read as a word break. "Jean-François L'Hôpital" becomes the words jean, francois, l, hopital.
/// Done in C# when an entry is written, so the database compares plain strings and needs no unaccent at query time.
/// </summary>
public static class SearchText
{
    public static IReadOnlyList<string> Words(string? text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The folded words joined by one space: the sort and equality key of a name or a city.</summary>
    public static string Key(string? text) => string.Join(' ', Words(text));

    /// <summary>
    /// The <c>search_words</c> column: every word of the last and first names between single spaces, with a leading and
    /// a trailing space so <c>LIKE '% mart%'</c> means "a word starting with mart". A name of several words also adds
    /// them glued together ("jeanfrancois", "dartagnan"), for people who type a compound name without its separator.
    /// </summary>
    public static string SearchWords(string? lastName, string? firstName)
    {
        var words = new List<string>();
        foreach (var name in new[] { lastName, firstName })
        {
            var parts = Words(name);
            words.AddRange(parts);
            if (parts.Count > 1)
                words.Add(string.Concat(parts));
        }
        return words.Count == 0 ? " " : $" {string.Join(' ', words.Distinct())} ";
    }

    private static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var builder = new StringBuilder(text.Length);
        // Compatibility decomposition also splits ligature code points ("ﬁ") and full-width letters.
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case 'œ': builder.Append("oe"); break;
                case 'æ': builder.Append("ae"); break;
                case 'ß': builder.Append("ss"); break;
                case 'ø': builder.Append('o'); break;
                case 'ł': builder.Append('l'); break;
                case 'đ': builder.Append('d'); break;
                case 'ı': builder.Append('i'); break;
                default: builder.Append(char.IsLetterOrDigit(lower) ? lower : ' '); break;
            }
        }
        return builder.ToString();
    }
}
