using Medimail.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Medimail.Messaging.IntegrationTests;

public sealed class IndexScansTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private const string LookupByKeys = "EXPLAIN SELECT id FROM widgets WHERE id = ANY(@keys)";

    [Fact]
    public async Task A_batch_lookup_in_a_table_just_bulk_loaded_is_planned_on_the_primary_key()
    {
        await using var db = fixture.NewContext();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await LoadUnanalysedAsync(connection, rows: 50_000);
        var keys = Enumerable.Range(10_000, 2_000).Select(i => $"w{i}").ToArray();

        await using var transaction = await db.Database.BeginTransactionAsync();
        // The situation the helper is for: without it, PostgreSQL scans the whole table for 2,000 keys.
        Assert.Contains("Seq Scan", await PlanAsync(connection, keys));

        await db.Database.PreferIndexScansAsync(CancellationToken.None);

        var plan = await PlanAsync(connection, keys);
        Assert.Contains("Index", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [Fact]
    public async Task Outside_a_transaction_it_refuses_rather_than_silently_doing_nothing()
    {
        await using var db = fixture.NewContext();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.PreferIndexScansAsync(CancellationToken.None));
        Assert.Contains("transaction", refused.Message);
    }

    /// <summary>Rows written by COPY into a table autovacuum may not analyse meanwhile: what an import leaves behind.</summary>
    private static async Task LoadUnanalysedAsync(NpgsqlConnection connection, int rows)
    {
        await using (var setup = new NpgsqlCommand("TRUNCATE widgets; ALTER TABLE widgets SET (autovacuum_enabled = false)", connection))
            await setup.ExecuteNonQueryAsync();
        await using var copy = await connection.BeginTextImportAsync("COPY widgets (id) FROM STDIN");
        for (var i = 0; i < rows; i++)
            await copy.WriteLineAsync($"w{i}");
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection, string[] keys)
    {
        await using var explain = new NpgsqlCommand(LookupByKeys, connection);
        explain.Parameters.AddWithValue("keys", keys);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }
}
