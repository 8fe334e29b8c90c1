using System.Text;

namespace Medimail.ServiceDefaults.Logging;

/// <summary>What a logged or traced text may hold: no enrolment token, no control character.</summary>
public static class SafeText
{
    /// <summary>The text itself (same instance) when nothing needs changing, so the common case allocates nothing.</summary>
    public static string ForLog(string text)
    {
        var masked = text.Contains("enrol", StringComparison.OrdinalIgnoreCase) ? SafeRoute.Mask(text) : text;
        return EscapeControls(masked);
    }

    /// <summary>"a\nb" → "a\u000Ab": the line stays one line whatever the sink's template does with it.</summary>
    public static string EscapeControls(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') && !text.Contains('\u007F') && !text.Contains('\u2028') && !text.Contains('\u2029'))
            return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7F || c is '\u2028' or '\u2029')
                builder.Append("\\u").Append(((int)c).ToString("X4"));
            else
                builder.Append(c);
        }
        return builder.ToString();
    }
}
