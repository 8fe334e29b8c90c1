using Medimail.Messaging.Outbox;
using Medimail.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Medimail.Messaging.IntegrationTests;

/// <summary>A fresh database on the real test PostgreSQL, created from the model, dropped at the end.</summary>
public sealed class MessagingFixture : IAsyncLifetime
{
    public string Database { get; } = $"messaging_tests_{Unique.Suffix()}";
    public string ConnectionString => TestEnvironment.DatabaseConnection(Database);

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public TestDbContext NewContext() => new(Options());

    public DbContextOptions<TestDbContext> Options() =>
        new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention().Options;

    /// <summary>What a service registers: its DbContext (scoped) and what the relay needs.</summary>
    public ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<TestDbContext>(o => o.UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddOptions<OutboxOptions>().Configure(o => o.PublishTimeout = TimeSpan.FromSeconds(3));
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
