using System.Text.RegularExpressions;

namespace Medimail.Deployment.Tests;

/// <summary>
/// The repository works from any folder: no file names a path of one machine (a clone folder, a home), and no file
/// points at documents outside the repository (the contract lives in docs/).
/// </summary>
public sealed partial class RepositoryPathTests
{
    // Text the repository is made of; generated, built and downloaded files are not ours.
    private static readonly string[] Extensions = [".sh", ".cs", ".csproj", ".props", ".json", ".yml", ".yaml", ".md", ".proto", ".py", ".txt", ".sln", ".config", ".editorconfig"];
    private static readonly string[] SkippedFolders = [".git", "bin", "obj", ".data", "node_modules"];

    [Fact]
    public void No_file_names_an_absolute_path_of_one_machine()
    {
        var found = Matches(MachinePath());

        Assert.True(found.Count == 0, "absolute paths of one machine (derive them from the script's or the assembly's location):\n" + string.Join("\n", found));
    }

    [Fact]
    public void No_file_points_at_documents_outside_the_repository()
    {
        var found = Matches(OutsideDocument());

        Assert.True(found.Count == 0, "references to files outside the repository (point at docs/ instead):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_reads_the_scripts_and_the_sources()
    {
        var files = RepositoryFiles().Select(Repository.Relative).ToList();

        Assert.Contains(Path.Combine("scripts", "test.sh"), files);
        Assert.Contains(Path.Combine("bench", "relaunch", "stack.sh"), files);
        Assert.Contains(Path.Combine("docs", "api.md"), files);
    }

    private static List<string> Matches(Regex pattern) =>
        RepositoryFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(x => pattern.IsMatch(x.line))
            .Select(x => $"{Repository.Relative(x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

    private static IEnumerable<string> RepositoryFiles() => Walk(Repository.Root);

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder))
            if (Extensions.Any(e => file.EndsWith(e, StringComparison.Ordinal)) && !file.EndsWith(nameof(RepositoryPathTests) + ".cs", StringComparison.Ordinal))
                yield return file;
        foreach (var sub in System.IO.Directory.EnumerateDirectories(folder))
            if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                foreach (var file in Walk(sub))
                    yield return file;
    }

    // A folder of one machine or user: /work/…, /root/…, /home/…, /Users/…, /mnt/…, C:\Users\….
    [GeneratedRegex(@"(?<![\w.~-])(/(work|root|home|Users|mnt)/|[A-Za-z]:\\Users\\)")]
    private static partial Regex MachinePath();

    // The inputs this repository was written from, which a clone does not contain.
    [GeneratedRegex(@"\.\./shared|(?<![\w/.-])(API|DOMAIN|DESIGN)\.md")]
    private static partial Regex OutsideDocument();
}
