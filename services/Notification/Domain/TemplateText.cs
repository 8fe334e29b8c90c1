using System.Net;
using System.Text;
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
        Compile(template).Render(values, html);

    /// <summary>Parsed once: the literal text between placeholders and their names, so rendering is only concatenation.</summary>
    public static CompiledTemplate Compile(string template)
    {
        var literals = new List<string>();
        var names = new List<string>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            literals.Add(template[at..match.Index]);
            names.Add(match.Groups[1].Value);
            at = match.Index + match.Length;
        }
        literals.Add(template[at..]);
        return new CompiledTemplate([.. literals], [.. names]);
    }

    public static IReadOnlySet<string> PlaceholdersOf(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>A value for a single line (a subject, a name): no line break can split a header or fake a paragraph.</summary>
    public static string OneLine(string? value) =>
        string.Join(' ', (value ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>A template split at its placeholders: <c>Literals[i]</c>, then the value of <c>Names[i]</c>, …, then the last literal.</summary>
public sealed record CompiledTemplate(string[] Literals, string[] Names)
{
    private readonly int literalLength = Literals.Sum(l => l.Length);

    public string Render(IReadOnlyDictionary<string, string> values, bool html)
    {
        var text = new StringBuilder(literalLength + 64 * Names.Length);
        for (var i = 0; i < Names.Length; i++)
        {
            if (!values.TryGetValue(Names[i], out var value))
                throw new KeyNotFoundException($"The template uses {{{{{Names[i]}}}}}, which has no value.");
            text.Append(Literals[i]).Append(html ? WebUtility.HtmlEncode(value) : value);
        }
        return text.Append(Literals[^1]).ToString();
    }
}
