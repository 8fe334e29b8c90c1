using Medimail.Directory.Domain;
using Medimail.Directory.V1;
using Npgsql;

namespace Medimail.DirectoryBench;

/// <summary>
/// The searches a webmail's recipient field sends: name prefixes of 3 to 6 letters as people type them (60%), an
/// exact RPPS pasted from a card (20%), a name prefix within a département (10%), and a département browsed alone
/// (10%); two directories in three are the regional one. The same seed gives the same list, for gRPC and pgbench.
/// </summary>
internal static class QueryMix
{
    public const int PageSize = 20;

    public static async Task<List<SearchRequest>> CreateAsync(string connectionString, int count, int seed)
    {
        var rpps = new List<string>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT rpps FROM directory_entries WHERE rpps IS NOT NULL ORDER BY email LIMIT 5000", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rpps.Add(reader.GetString(0));
        }

        var random = new Random(seed);
        var requests = new List<SearchRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var request = new SearchRequest { Directory = random.Next(3) < 2 ? "regional" : "national", PageSize = PageSize };
            var roll = random.Next(100);
            if (roll < 60)
                request.Query = Prefix(random);
            else if (roll < 80)
                request.Query = rpps[random.Next(rpps.Count)];
            else if (roll < 90)
            {
                request.Query = Prefix(random);
                request.DepartmentCode = Department(random);
            }
            else
                request.DepartmentCode = Department(random);
            requests.Add(request);
        }
        return requests;
    }

    /// <summary>Addresses of entries listed nationally, for the cheap call (GetEntry).</summary>
    public static async Task<List<string>> EmailsAsync(string connectionString)
    {
        var emails = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT email FROM directory_entries WHERE listed_national ORDER BY email LIMIT 5000", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            emails.Add(reader.GetString(0));
        return emails;
    }

    public static string Kind(SearchRequest request) =>
        request.Query.Length == 0 ? "department" : request.Query.All(char.IsAsciiDigit) ? "rpps"
        : request.DepartmentCode.Length > 0 ? "prefix+department" : "prefix";

    /// <summary>The first 3 to 6 letters of a name as typed: lower case, often without accents.</summary>
    private static string Prefix(Random random)
    {
        var name = SearchText.Key(FrenchData.LastName(random)).Replace(" ", "");
        return name[..Math.Min(name.Length, random.Next(3, 7))];
    }

    private static string Department(Random random) =>
        FrenchData.Departments[FrenchData.Skewed(random, FrenchData.Departments.Length)].Code;
}
