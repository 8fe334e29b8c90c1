using System.Globalization;
using System.Text;
using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Medimail.DirectoryBench;

/// <summary>
/// Writes N entries straight into a benchmark Directory database with COPY. Each row is made by the Directory's own
/// <see cref="DirectoryEntry.Create"/> from an account snapshot, so folding, search words and listed flags are exactly
/// what the event consumers would store; only the bus is skipped (200,000 events would measure RabbitMQ, not search).
/// </summary>
internal static class Seeder
{
    public static async Task RunAsync(string connectionString, int count, int seed)
    {
        await using var db = Contexts.Directory(connectionString);
        var table = db.Model.GetRelationalModel().Tables.Single(t => t.Name == "directory_entries");
        var columns = table.Columns.Select(c => (c.Name, Property: c.PropertyMappings.First().Property.PropertyInfo!)).ToList();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var truncate = new NpgsqlCommand("TRUNCATE directory_entries", connection))
            await truncate.ExecuteNonQueryAsync();

        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        await using (var writer = await connection.BeginTextImportAsync(
            $"COPY directory_entries ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT csv)"))
        {
            var line = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                var entry = DirectoryEntry.Create(Account(random, i, now), now);
                line.Clear();
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0) line.Append(',');
                    line.Append(Csv(columns[c].Property.GetValue(entry)));
                }
                await writer.WriteLineAsync(line.ToString());
            }
        }
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE directory_entries", connection))
            await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"seeded {count} entries");
    }

    /// <summary>Mostly active personal boxes, as in a real regional directory; a few on the liste rouge.</summary>
    private static AccountSnapshot Account(Random random, int i, DateTimeOffset now)
    {
        var roll = random.Next(100);
        var type = roll < 70 ? "PER" : roll < 75 ? "INT" : roll < 87 ? "ORG" : roll < 95 ? "MED" : "APP";
        var last = FrenchData.LastName(random);
        var first = FrenchData.FirstName(random);
        var (department, region, city) = FrenchData.Departments[FrenchData.Skewed(random, FrenchData.Departments.Length)];
        var postal = department switch { "2A" => "20000", "2B" => "20200", { Length: 3 } d => d + "00", var d => d + "000" };
        var person = type is "PER" or "INT" or "MED";
        var local = Ascii($"{first}.{last}").ToLowerInvariant();
        return new AccountSnapshot
        {
            Email = $"{local}.{i}@bench.medimail.fr",
            Type = type,
            State = random.Next(100) < 92 ? "ACTIVE" : random.Next(2) == 0 ? "PRE_REGISTERED" : "DISABLED",
            StructureId = $"structure-{random.Next(2000)}",
            Version = 1,
            LastName = person ? last : $"CENTRE HOSPITALIER {city}",
            FirstName = person ? first : "",
            Rpps = type is "PER" or "INT" && random.Next(100) < 90 ? "10" + FrenchData.Digits(random, 9) : null,
            Adeli = type == "PER" && random.Next(100) < 5 ? FrenchData.Digits(random, 9) : null,
            LegalName = $"Centre hospitalier de {city}",
            Address = new AddressSnapshot
            {
                Line1 = $"{random.Next(1, 200)} rue de la République",
                PostalCode = postal,
                City = city,
                DepartmentCode = department,
                RegionCode = region,
            },
            Phone1 = "0" + FrenchData.Digits(random, 9),
            Profession = person ? FrenchData.Professions[random.Next(FrenchData.Professions.Length)] : null,
            Specialty = person ? FrenchData.Specialties[random.Next(FrenchData.Specialties.Length)] : null,
            MssanteAddress = type == "APP" && random.Next(2) == 0 ? $"app.{i}@bench.mssante.fr" : null,
            UnlistedRegional = random.Next(100) < 2,
            UnlistedNational = random.Next(100) < 4,
            UpdatedAt = now,
        };
    }

    private static string Ascii(string text) =>
        new(SearchText.Key(text).Where(c => c is >= 'a' and <= 'z' or '.').ToArray());

    private static string Csv(object? value) => value switch
    {
        null => "",
        string s => "\"" + s.Replace("\"", "\"\"") + "\"",
        bool b => b ? "t" : "f",
        DateTimeOffset d => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"No CSV form for {value.GetType()}"),
    };
}

internal static class Contexts
{
    public static DirectoryDbContext Directory(string connectionString) =>
        new(new DbContextOptionsBuilder<DirectoryDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);
}
