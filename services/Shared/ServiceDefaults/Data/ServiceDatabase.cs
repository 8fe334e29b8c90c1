using Medimail.ServiceDefaults.Health;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Medimail.ServiceDefaults.Data;

public static class ServiceDatabase
{
    /// <summary>
    /// The service's own PostgreSQL database: snake_case names, every EF interceptor the service registered (the
    /// outbox wake-up of Messaging), and a readiness check. <paramref name="autoPrepare"/>: see <see cref="WithAutoPrepare"/>.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TDbContext>(
        this WebApplicationBuilder builder, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null, bool autoPrepare = false)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString();
        if (autoPrepare)
            connectionString = WithAutoPrepare(connectionString);
        builder.Services.AddDbContext<TDbContext>((services, options) =>
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(60))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(services.GetServices<IInterceptor>());
            configure?.Invoke(services, options);
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDbContext>>("database", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// For a service that runs the same few statements again and again (Identity-Registry: a sign-in is about 25):
    /// Npgsql prepares those it has seen five times on a connection, and PostgreSQL then skips parsing and planning
    /// them (bench/signin: PostgreSQL's CPU per sign-in from a median of 17 ms to 11). Prepared statements outlive the pool's
    /// reset. A connection string that sets <c>Max Auto Prepare</c> itself is kept. The other services were not
    /// measured with it, and their searches take patterns whose plans depend on the value, so they keep Npgsql's default.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for any keyword it knows, set or not: read the keys as written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(key => key.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    /// <summary>
    /// <c>dotnet Service.dll migrate</c> applies migrations and exits (a Kubernetes Job in production);
    /// in development (<c>Database:AutoMigrate</c>) the service migrates itself at start-up. Returns true when the process should exit.
    /// </summary>
    public static async Task<bool> MigrateIfRequestedAsync<TDbContext>(this WebApplication app, string[] args)
        where TDbContext : DbContext
    {
        var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
        if (!migrateOnly && !app.Configuration.GetValue<bool>("Database:AutoMigrate"))
            return false;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations");
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        logger.LogInformation("Database {Database}: {Count} migration(s) applied", db.Database.GetDbConnection().Database, pending.Count);
        return migrateOnly;
    }
}

internal sealed class DatabaseHealthCheck<TDbContext>(TDbContext db) : IHealthCheck where TDbContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("PostgreSQL is not reachable.");
}
