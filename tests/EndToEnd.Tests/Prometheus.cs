using System.Globalization;
using System.Text.RegularExpressions;

namespace Medimail.EndToEnd.Tests;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4), parsed strictly: every line is a comment (# HELP, # TYPE or
/// free), blank, or a sample "name{label="value",...} value [timestamp]" with a float value. A malformed line fails.
/// </summary>
internal static partial class Prometheus
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var (line, number) in text.Split('\n').Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                    Assert.Matches(TypeLine(), line);
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"line {number} is not a Prometheus sample: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => Regex.Unescape(m.Groups["value"].Value));
            samples.Add(new Sample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }
        return samples;
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]Inf|NaN)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>([^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    [GeneratedRegex("^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();
}
