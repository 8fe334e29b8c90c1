namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>The embedded list of the most common passwords (Data/common-passwords.txt), loaded once.</summary>
public sealed class CommonPasswords
{
    private const string ResourceSuffix = "common-passwords.txt";
    private readonly HashSet<string> passwords;

    public CommonPasswords(IEnumerable<string> passwords) =>
        this.passwords = passwords.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);

    public static CommonPasswords Default { get; } = Load();

    public int Count => passwords.Count;

    /// <summary>Case-insensitive: "MotDePasse2024!" is as weak as "motdepasse2024!".</summary>
    public bool Contains(string password) => passwords.Contains(password.Trim().ToLowerInvariant());

    private static CommonPasswords Load()
    {
        var assembly = typeof(CommonPasswords).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith('#'))
                lines.Add(line);
        }
        return new CommonPasswords(lines);
    }
}
