using System.Globalization;
using System.Text;

namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>
/// Comparison key for French labels typed by people: "Médecin", "MEDECIN" and "medecin" match,
/// and so do "Chirurgien - dentiste" and "Chirurgien-dentiste" (the source document spells both).
/// </summary>
public static class LabelKey
{
    public static string For(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                    builder.Append(' ');
                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }
        // "œ" and "æ" have no decomposition; French labels use them ("sœur", "Lætitia").
        return builder.Replace("œ", "oe").Replace("æ", "ae").ToString();
    }
}
