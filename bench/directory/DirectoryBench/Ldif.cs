using System.Text;
using Npgsql;

namespace Medimail.DirectoryBench;

/// <summary>
/// The entries the Directory serves, read back from <c>directory_entries</c> (seeded by <see cref="Seeder"/>, the same
/// generator and seed), written as LDIF for slapd: the names as stored, each word of the folded name (the Directory's
/// search words) in <c>mmNameKey</c>, RPPS, département, and the directories the entry is listed in.
/// </summary>
internal static class Ldif
{
    public const string Suffix = "dc=medimail,dc=bench";
    public const string Entries = "ou=entries," + Suffix;

    public static async Task WriteAsync(string connectionString, string file)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var output = new StreamWriter(file, append: false, new UTF8Encoding(false));
        await output.WriteAsync($"dn: {Suffix}\nobjectClass: dcObject\nobjectClass: organization\ndc: medimail\no: Medimail bench\n\n" +
                                $"dn: {Entries}\nobjectClass: organizationalUnit\nou: entries\n\n");
        await using var command = new NpgsqlCommand(
            "SELECT email, last_name, first_name, search_words, rpps, department_code, city, listed_regional, listed_national FROM directory_entries", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        var entry = new StringBuilder();
        while (await reader.ReadAsync())
        {
            entry.Clear();
            var email = reader.GetString(0);
            var last = reader.GetString(1);
            var first = reader.GetString(2);
            Line(entry, "dn", $"mail={email},{Entries}");
            entry.Append("objectClass: inetOrgPerson\nobjectClass: mmDirectoryEntry\n");
            Line(entry, "mail", email);
            Line(entry, "sn", last.Length > 0 ? last : email);
            Line(entry, "cn", $"{first} {last}".Trim() is { Length: > 0 } cn ? cn : email);
            if (first.Length > 0) Line(entry, "givenName", first);
            foreach (var word in reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
                Line(entry, "mmNameKey", word);
            if (!reader.IsDBNull(4)) Line(entry, "mmRpps", reader.GetString(4));
            if (!reader.IsDBNull(5)) Line(entry, "mmDepartment", reader.GetString(5));
            if (!reader.IsDBNull(6)) Line(entry, "l", reader.GetString(6));
            if (reader.GetBoolean(7)) Line(entry, "mmListed", "regional");
            if (reader.GetBoolean(8)) Line(entry, "mmListed", "national");
            entry.Append('\n');
            await output.WriteAsync(entry);
            count++;
        }
        Console.WriteLine($"wrote {count} entries to {file}");
    }

    /// <summary>RFC 2849: a value that is not plain ASCII (accents) goes base64, after a double colon.</summary>
    private static void Line(StringBuilder entry, string attribute, string value)
    {
        var safe = value.Length == 0 || (value[0] is not (' ' or ':' or '<') && value[^1] != ' ' && value.All(c => c is >= ' ' and < (char)127));
        entry.Append(attribute).Append(safe ? ": " + value : ":: " + Convert.ToBase64String(Encoding.UTF8.GetBytes(value))).Append('\n');
    }
}
