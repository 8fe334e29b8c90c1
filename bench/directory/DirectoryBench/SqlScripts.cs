using System.Globalization;
using System.Text.RegularExpressions;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Medimail.Directory.V1;

namespace Medimail.DirectoryBench;

/// <summary>
/// The SQL a Search runs, taken from the Directory's own query builder (<see cref="EntrySearch"/>), with the
/// parameters written in as literals: what pgbench replays and what EXPLAIN ANALYZE shows.
/// </summary>
internal static partial class SqlScripts
{
    public static (string Count, string Page) For(string connectionString, SearchRequest request)
    {
        using var db = Contexts.Directory(connectionString);
        var criteria = SearchCriteria.Create(request.Directory, request.Query, request.Profession, request.DepartmentCode,
            request.PostalCode, request.City, request.Type, request.PageSize, request.PageToken);
        var (count, page) = new EntrySearch(db).SqlOf(criteria);
        // EF's CountAsync is "SELECT count(*)::int FROM ... WHERE ..." over the same WHERE: the one the service runs.
        var countSql = Inline(count);
        countSql = "SELECT count(*)::int" + countSql[FromClause().Match(countSql).Index..].TrimEnd();
        return (countSql, Inline(page).TrimEnd());
    }

    /// <summary>Writes one pgbench script per search (its two statements), returns the file names.</summary>
    public static List<string> WritePgbench(string connectionString, IEnumerable<SearchRequest> requests, string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var (request, i) in requests.Select((r, i) => (r, i)))
        {
            var (count, page) = For(connectionString, request);
            var file = Path.Combine(folder, $"search-{i:D4}.sql");
            // pgbench reads one statement per line unless it ends with a semicolon on its own terms: keep each on one line.
            File.WriteAllText(file, OneLine(count) + ";\n" + OneLine(page) + ";\n");
            files.Add(file);
        }
        return files;
    }

    private static string OneLine(string sql) => Whitespace().Replace(sql, " ");

    /// <summary>ToQueryString lists parameters as leading "-- @name='value'" lines; put the values in the SQL.</summary>
    private static string Inline(string queryString)
    {
        var lines = queryString.Split('\n');
        var parameters = new Dictionary<string, string>();
        var body = new List<string>();
        foreach (var line in lines)
        {
            var m = ParameterLine().Match(line.TrimEnd('\r'));
            if (m.Success)
                parameters[m.Groups["name"].Value] = Literal(m.Groups["value"].Value, m.Groups["type"].Value);
            else
                body.Add(line);
        }
        var sql = string.Join('\n', body);
        foreach (var (name, literal) in parameters.OrderByDescending(p => p.Key.Length))
            sql = Regex.Replace(sql, Regex.Escape(name) + @"\b", literal.Replace("$", "$$"));
        return sql;
    }

    private static string Literal(string value, string type)
    {
        var quoted = value.Length >= 2 && value.StartsWith('\'') && value.EndsWith('\'');
        var unquoted = quoted ? value[1..^1] : value;
        return type switch
        {
            "Int32" or "Int64" => unquoted,
            "Boolean" => unquoted.ToLowerInvariant(),
            _ when !quoted => unquoted,
            _ => "'" + unquoted.Replace("'", "''") + "'",
        };
    }

    // -- @p='% mart%'   or   -- @p='20' (DbType = Int32)
    [GeneratedRegex(@"^-- (?<name>@\w+)=(?<value>'.*'|\S+)(?: \(DbType = (?<type>\w+)\))?.*$")]
    private static partial Regex ParameterLine();

    [GeneratedRegex(@"\sFROM\s")]
    private static partial Regex FromClause();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
