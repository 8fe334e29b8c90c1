using Medimail.ServiceDefaults.Health;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Medimail.ServiceDefaults.Data;

public static class ServiceDatabase
{
    /// <summary>
    /// The service's own PostgreSQL database: snake_case names, every EF interceptor the service registered (the
    /// outbox wake-up of Messaging), and a readiness check.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TDbContext>(
        this WebApplicationBuilder builder, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString();
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
