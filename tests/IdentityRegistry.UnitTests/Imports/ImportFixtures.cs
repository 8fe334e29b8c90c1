using System.Text;

namespace Medimail.IdentityRegistry.UnitTests.Imports;

/// <summary>The loadusers fixtures committed under tests/IdentityRegistry.IntegrationTests/Imports/Fixtures, with "{run}" filled in.</summary>
internal static class ImportFixtures
{
    public static byte[] Read(string name, string run = "u1")
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.Directory.Exists(Path.Combine(directory.FullName, "tests", "IdentityRegistry.IntegrationTests", "Imports", "Fixtures")))
            directory = directory!.Parent;
        if (directory is null)
            throw new InvalidOperationException("tests/IdentityRegistry.IntegrationTests/Imports/Fixtures not found above the test assembly.");
        var bytes = File.ReadAllBytes(Path.Combine(directory.FullName, "tests", "IdentityRegistry.IntegrationTests", "Imports", "Fixtures", name));
        // "{run}" is ASCII: replacing bytes works whatever the file's encoding.
        return Replace(bytes, "{run}"u8.ToArray(), Encoding.ASCII.GetBytes(run));
    }

    private static byte[] Replace(byte[] source, byte[] from, byte[] to)
    {
        var output = new List<byte>(source.Length);
        for (var i = 0; i < source.Length;)
        {
            if (source.AsSpan(i).StartsWith(from)) { output.AddRange(to); i += from.Length; }
            else output.Add(source[i++]);
        }
        return output.ToArray();
    }
}
