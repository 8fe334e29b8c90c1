using System.Text.RegularExpressions;

namespace Medimail.Deployment.Tests;

/// <summary>
/// docs/settings.md lists every setting a process reads, once. Compared with the code itself: the options classes
/// (a <c>const string Section</c> and their settable properties) and every key read by name (<c>configuration["…"]</c>,
/// <c>GetValue</c>, <c>GetRequired</c>, <c>GetConnectionString</c>, constants named <c>…Variable</c>), in services/ and
/// gateway/. Keys built from a variable (<c>$"Services:{Name}:Grpc"</c>) match any value of that level.
/// </summary>
public sealed partial class SettingsTableTests
{
    private static readonly Lazy<IReadOnlyList<Row>> Table = new(ReadTable);
    private static readonly Lazy<IReadOnlyList<CodeSetting>> Code = new(ReadCode);

    [Fact]
    public void Every_setting_the_code_reads_has_a_row_in_docs_settings()
    {
        var missing = Code.Value.Where(setting => !Table.Value.Any(row => row.Names.Any(setting.Matches)))
            .Select(setting => $"{setting.Name} ({setting.Source})").Distinct().Order().ToList();

        Assert.True(missing.Count == 0, "settings read by the code and missing from docs/settings.md:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_row_of_docs_settings_is_read_by_the_code_or_says_which_library_reads_it()
    {
        var unread = Table.Value.Where(row => !row.ReadByFramework)
            .SelectMany(row => row.Names)
            .Where(name => !Code.Value.Any(setting => setting.Matches(name)))
            .ToList();

        Assert.True(unread.Count == 0, "rows of docs/settings.md that no code reads:\n" + string.Join("\n", unread));
    }

    [Fact]
    public void Every_row_has_a_reader_a_default_and_a_meaning_and_no_setting_is_listed_twice()
    {
        Assert.True(Table.Value.Count > 40, $"only {Table.Value.Count} rows read from docs/settings.md");
        Assert.All(Table.Value, row => Assert.True(row.Who.Length > 0 && row.Default.Length > 0, $"{row.Names[0]}: who and default are required"));
        var names = Table.Value.SelectMany(row => row.Names).ToList();
        Assert.Equal(names.Distinct(StringComparer.OrdinalIgnoreCase).Count(), names.Count);
    }

    [Fact]
    public void The_options_classes_are_found_so_the_comparison_is_not_empty()
    {
        // Guards the scan itself: were the patterns to stop matching, the first test would pass on nothing.
        foreach (var name in new[] { "Smtp__From", "Outbox__BatchSize", "RateLimits__Api__Window", "Accounts__ExpiryCheckInterval",
                     "MEDIMAIL_OPERATOR_CLIENT_SECRET", "ConnectionStrings__Database", "Services__Mailbox__Grpc" })
            Assert.Contains(Code.Value, setting => setting.Matches(name));
    }

    private sealed record Row(IReadOnlyList<string> Names, string Who, string Default)
    {
        public bool ReadByFramework => Who.Contains("(framework)", StringComparison.Ordinal);
    }

    /// <summary>
    /// A setting as the code reads it: <c>*</c> stands for one level built from a variable (<c>Services__*__Grpc</c>),
    /// <c>**</c> for any levels between an options class's section and its property (<c>RateLimits__**__Window</c>
    /// reads <c>RateLimits__Api__Window</c>; <c>Smtp__**__From</c> reads <c>Smtp__From</c>).
    /// </summary>
    private sealed record CodeSetting(string Name, string Source)
    {
        private Regex Pattern => new("^" + Regex.Escape(Name).Replace(@"__\*\*__", "__(?:[^_]+__)*").Replace(@"\*", "[^_]+") + "$",
            RegexOptions.IgnoreCase);

        public bool Matches(string tableName) => Pattern.IsMatch(tableName);
    }

    private static List<Row> ReadTable()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Repository.PathOf("docs", "settings.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 6 || !cells[1].StartsWith('`'))
                continue;
            var names = NameInCell().Matches(cells[1]).SelectMany(m => Expand(m.Groups[1].Value)).ToList();
            rows.Add(new Row(names, cells[2], cells[3]));
        }
        return rows;
    }

    /// <summary><c>A__{B,C}__{D,E}</c> → the four names.</summary>
    private static IEnumerable<string> Expand(string name)
    {
        var open = name.IndexOf('{');
        if (open < 0)
            return [name];
        var close = name.IndexOf('}', open);
        return name[(open + 1)..close].Split(',')
            .SelectMany(choice => Expand(name[..open] + choice + name[(close + 1)..]));
    }

    private static List<CodeSetting> ReadCode()
    {
        var found = new List<CodeSetting>();
        var files = new[] { "services", "gateway" }
            .SelectMany(folder => System.IO.Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var source = Repository.Relative(file);
            if (SectionConstant().Match(text) is { Success: true } section)
                foreach (Match property in SettableProperty().Matches(text))
                    found.Add(new CodeSetting($"{section.Groups[1].Value}__**__{property.Groups[1].Value}", source));
            foreach (Match key in KeyReadByName().Matches(text))
                found.Add(new CodeSetting(EnvironmentName(key.Groups["key"].Value), source));
            foreach (Match key in KeyLiteral().Matches(text))
                found.Add(new CodeSetting(EnvironmentName(key.Groups[1].Value), source));
            foreach (Match name in ConnectionStringRead().Matches(text))
                found.Add(new CodeSetting($"ConnectionStrings__{(name.Groups[1].Success ? name.Groups[1].Value : "Database")}", source));
            foreach (Match variable in VariableConstant().Matches(text))
                found.Add(new CodeSetting(variable.Groups[1].Value, source));
        }
        return found;
    }

    /// <summary><c>Services:{Name}:Grpc</c> → <c>Services__*__Grpc</c>.</summary>
    private static string EnvironmentName(string key) =>
        string.Join("__", key.Split(':').Select(level => level.Contains('{') ? "*" : level));

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex NameInCell();

    [GeneratedRegex(@"const string Section = ""([A-Za-z]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"public (?!static|const)[\w<>?,. ]+ (\w+) \{ get; set; \}")]
    private static partial Regex SettableProperty();

    [GeneratedRegex(@"(?:[Cc]onfiguration\[|(?<![A-Za-z])GetValue(?:<[^>]+>)?\(|GetRequired\(|GetEnvironmentVariable\()\$?""(?<key>[A-Za-z_{}:]+)""")]
    private static partial Regex KeyReadByName();

    /// <summary>A whole string literal shaped like a configuration key of two levels or more (<c>$"Services:{Name}:Grpc"</c>).</summary>
    [GeneratedRegex(@"\$?""([A-Z][A-Za-z]*(?::[A-Z{][A-Za-z{}]*)+)""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"GetRequiredConnectionString\(\)|GetConnectionString\(""(\w+)""\)")]
    private static partial Regex ConnectionStringRead();

    [GeneratedRegex(@"const string \w+Variable = ""([A-Z_]+)""")]
    private static partial Regex VariableConstant();
}
