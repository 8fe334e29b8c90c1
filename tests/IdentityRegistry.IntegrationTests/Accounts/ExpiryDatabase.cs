using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Auth;
using Medimail.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Accounts;

/// <summary>
/// An Identity-Registry database of the expiry tests' own (migrated like production), so that the expiry job, which
/// takes every due account, sees only theirs; and "replicas": service providers wired by the service's own
/// Extensions, each with its clock, sharing that database as replicas share production's.
/// </summary>
public sealed class ExpiryDatabase : IAsyncLifetime
{
    private static readonly string PlatformDatabase = Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DB") ?? "identity";
    private readonly List<ServiceProvider> replicas = [];

    public string Name { get; } = $"identity_expiry_{Unique.Suffix()}";
    public string Connection => TestEnvironment.DatabaseConnection(Name);

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        // As scripts/lib/postgres.sh prepares the service databases, before the migrations that use them.
        await using (var connection = await OpenAsync())
        {
            await using var extensions = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent", connection);
            await extensions.ExecuteNonQueryAsync();
        }
        await using var scope = Replica(TimeProvider.System).CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
            await replica.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>One instance of the service's account features on this database, with <paramref name="clock"/>.</summary>
    public ServiceProvider Replica(TimeProvider clock)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Database"] = Connection;
        builder.Configuration["PublicBaseUrl"] = "https://medimail.test";
        builder.Services.AddSingleton(clock);
        // What AddMedimailMessaging gives the database context (no bus here: the outbox rows are the events).
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.AddIdentityData();
        builder.AddAccountFeatures();
        builder.AddEnrolmentFeatures();
        var services = builder.Services.BuildServiceProvider();
        replicas.Add(services);
        return services;
    }

    /// <summary>The job as the host builds it (its settings, clock and database from the replica), not started.</summary>
    internal static AccountExpiry ExpiryOf(IServiceProvider replica) => ActivatorUtilities.CreateInstance<AccountExpiry>(replica);

    public static readonly Caller Operator = new("tests", new HashSet<string> { Roles.Operator }, new HashSet<string>(), null);

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Copies accounts made through the platform's API, and their structure, into this database.</summary>
    public async Task CopyFromPlatformAsync(params string[] emails)
    {
        var list = string.Join(", ", emails.Select(e => "'" + e.Replace("'", "''") + "'"));
        await using var source = new NpgsqlConnection(TestEnvironment.DatabaseConnection(PlatformDatabase));
        await source.OpenAsync();
        await using var target = await OpenAsync();
        await using (var missing = new NpgsqlCommand(
            $"SELECT DISTINCT structure_id::text FROM accounts WHERE email IN ({list})", source))
        {
            var structures = new List<string>();
            await using (var reader = await missing.ExecuteReaderAsync())
                while (await reader.ReadAsync()) structures.Add(reader.GetString(0));
            foreach (var id in structures)
            {
                await using var exists = new NpgsqlCommand("SELECT count(*) FROM structures WHERE id = @id::uuid", target);
                exists.Parameters.AddWithValue("id", id);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                    await CopyAsync(source, target, "structures", $"id = '{id}'");
            }
        }
        await CopyAsync(source, target, "accounts", $"email IN ({list})");
    }

    /// <summary>Rows of one table from one database to the other (same migrations, so the same columns in the same order).</summary>
    private static async Task CopyAsync(NpgsqlConnection source, NpgsqlConnection target, string table, string where)
    {
        using var rows = new MemoryStream();
        await using (var export = await source.BeginRawBinaryCopyAsync($"COPY (SELECT * FROM {table} WHERE {where}) TO STDOUT (FORMAT BINARY)"))
            await export.CopyToAsync(rows);
        rows.Position = 0;
        await using var import = await target.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT BINARY)");
        await rows.CopyToAsync(import);
    }

    /// <summary>A moved clock: the expiry job "tomorrow".</summary>
    public sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
