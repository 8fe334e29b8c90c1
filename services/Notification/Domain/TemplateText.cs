using System.Net;
using System.Text.RegularExpressions;

namespace Medimail.Notification.Domain;

/// <summary>
/// <c>{{name}}</c> placeholders, nothing more: wording stays editable by non-developers and a value can never run code.
/// HTML templates get every value encoded.
/// </summary>
public static partial class TemplateText
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();

    public static string Render(string template, IReadOnlyDictionary<string, string> values, bool html) =>
        Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
                throw new KeyNotFoundException($"The template uses {{{{{name}}}}}, which has no value.");
            return html ? WebUtility.HtmlEncode(value) : value;
        });

    public static IReadOnlySet<string> PlaceholdersOf(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>A value for a single line (a subject, a name): no line break can split a header or fake a paragraph.</summary>
    public static string OneLine(string? value) =>
        string.Join(' ', (value ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
