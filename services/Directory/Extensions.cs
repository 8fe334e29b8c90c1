using Medimail.Directory.Data;
using Medimail.Directory.Grpc;
using Medimail.Directory.Projection;
using Medimail.Directory.Projection.Rebuild;
using Medimail.Directory.Reference;
using Medimail.Directory.Search;
using Medimail.Directory.Visibility;
using Medimail.Identity.Internal.V1;
using Medimail.Identity.V1;
using Medimail.Messaging;
using Medimail.ServiceDefaults.Data;
using Medimail.ServiceDefaults.Health;
using Medimail.ServiceDefaults.Logging;

namespace Medimail.Directory;

/// <summary>Everything the Directory wires, in one place: its database, what it listens to, what it serves.</summary>
public static class Extensions
{
    /// <summary>Every commit on the Directory's DbContext is tracked, so a search waits for the index to hold it.</summary>
    public static WebApplicationBuilder AddDirectoryData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EntryIndexFeed>();
        builder.Services.AddSingleton<CommitTracker>();
        return builder.AddServiceDatabase<DirectoryDbContext>(
            (services, options) => options.AddInterceptors(services.GetRequiredService<CommitTracker>()));
    }

    /// <summary>
    /// The directory is a projection of Identity-Registry's accounts: these four events are all it listens to. It
    /// publishes one, VisibilityChanged, through its outbox.
    /// </summary>
    public static WebApplicationBuilder AddDirectoryMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EntryProjection>();
        return builder.AddMedimailMessaging<DirectoryDbContext>("directory", bus =>
        {
            bus.AddConsumer<AccountCreatedConsumer>();
            bus.AddConsumer<AccountUpdatedConsumer>();
            bus.AddConsumer<AccountStateChangedConsumer>();
            // Import batches one after the other: each is already a few hundred accounts in one transaction, and an
            // import's batches arrive together when it ends; a dozen side by side only fight the searches for the cores.
            bus.AddConsumer<AccountsImportedConsumer>((_, c) => c.ConcurrentMessageLimit = 1);
        });
    }

    /// <summary>
    /// Searches answer from an in-memory index of every entry, loaded at start-up and kept in step by PostgreSQL
    /// notifications; the instance is ready once it is loaded, and answers from SQL until then.
    /// </summary>
    public static WebApplicationBuilder AddDirectorySearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EntrySearch>();
        builder.Services.AddScoped<DirectorySearch>();
        builder.Services.AddHostedService<EntryIndexListener>();
        builder.Services.AddHostedService<DirectoryMetrics>();
        builder.Services.AddHealthChecks().AddCheck<EntryIndexHealthCheck>("directory-index", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>Profession and specialty labels, read once from Identity-Registry's public reference lists.</summary>
    public static WebApplicationBuilder AddDirectoryReferenceLabels(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcClient<ReferenceService.ReferenceServiceClient>(o => o.Address = IdentityAddress(builder))
            .AddHttpMessageHandler<CorrelationIdHandler>();
        builder.Services.AddSingleton<ReferenceLabels>();
        builder.Services.AddHostedService<ReferenceLabelsWarmUp>();
        return builder;
    }

    /// <summary>Liste rouge: the Directory owns the two flags once SetVisibility has set them.</summary>
    public static WebApplicationBuilder AddDirectoryVisibility(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<VisibilityChanger>();
        return builder;
    }

    /// <summary>The operator's rebuild reads every account from Identity-Registry's internal feed, as this service (its own identity).</summary>
    public static WebApplicationBuilder AddDirectoryRebuild(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcClient<AccountFeedService.AccountFeedServiceClient>(o => o.Address = IdentityAddress(builder))
            .AddHttpMessageHandler<CorrelationIdHandler>()
            .AddHttpMessageHandler<Medimail.ServiceDefaults.Auth.ServiceTokenHandler>();
        builder.Services.AddScoped<ProjectionRebuilder>();
        return builder;
    }

    private static Uri IdentityAddress(WebApplicationBuilder builder) =>
        new(builder.Configuration["Services:Identity:Grpc"]
            ?? throw new InvalidOperationException("Services:Identity:Grpc is required (Identity-Registry's gRPC address)."));

    public static WebApplication MapDirectoryApi(this WebApplication app)
    {
        app.MapGrpcService<DirectoryGrpcService>();
        app.MapGrpcService<VisibilityGrpcService>();
        app.MapGrpcService<DirectoryAdminGrpcService>();
        return app;
    }
}
