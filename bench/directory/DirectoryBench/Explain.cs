using Medimail.Directory.V1;
using Npgsql;

namespace Medimail.DirectoryBench;

/// <summary>EXPLAIN (ANALYZE, BUFFERS) of the statements behind the main searches, as the service sends them.</summary>
internal static class Explain
{
    public static readonly (string Title, SearchRequest Request)[] Searches =
    [
        ("name prefix 'mar' (regional)", new SearchRequest { Directory = "regional", Query = "mar", PageSize = QueryMix.PageSize }),
        ("name prefix 'lefev' (national)", new SearchRequest { Directory = "national", Query = "lefev", PageSize = QueryMix.PageSize }),
        ("two words 'martin jean' (regional)", new SearchRequest { Directory = "regional", Query = "martin jean", PageSize = QueryMix.PageSize }),
        ("RPPS (regional)", new SearchRequest { Directory = "regional", Query = "RPPS", PageSize = QueryMix.PageSize }),
        ("prefix 'dup' in département 31 (regional)", new SearchRequest { Directory = "regional", Query = "dup", DepartmentCode = "31", PageSize = QueryMix.PageSize }),
        ("département 75 browsed (national)", new SearchRequest { Directory = "national", DepartmentCode = "75", PageSize = QueryMix.PageSize }),
    ];

    public static async Task RunAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string rpps;
        await using (var pick = new NpgsqlCommand("SELECT rpps FROM directory_entries WHERE rpps IS NOT NULL AND listed_regional LIMIT 1", connection))
            rpps = (string)(await pick.ExecuteScalarAsync())!;

        foreach (var (title, request) in Searches)
        {
            if (request.Query == "RPPS") request.Query = rpps;
            var (count, page) = SqlScripts.For(connectionString, request);
            foreach (var (part, sql) in new[] { ("count", count), ("page", page) })
            {
                Console.WriteLine($"### {title}: {part}\n");
                Console.WriteLine("```sql\n" + sql + "\n```\n```");
                await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    Console.WriteLine(reader.GetString(0));
                Console.WriteLine("```\n");
            }
        }
    }
}
