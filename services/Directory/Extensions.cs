using Medimail.Directory.Consumers;
using Medimail.Directory.Data;
using Medimail.Directory.Grpc;
using Medimail.Messaging;
using Medimail.Messaging.Data;

namespace Medimail.Directory;

/// <summary>Everything the Directory wires, in one place: its database, what it listens to, what it serves.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddDirectoryData(this WebApplicationBuilder builder) =>
        builder.AddServiceDatabase<DirectoryDbContext>();

    /// <summary>The directory is a projection of Identity-Registry's accounts: these four events are all it listens to.</summary>
    public static WebApplicationBuilder AddDirectoryMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EntryProjection>();
        return builder.AddMedimailMessaging<DirectoryDbContext>("directory", bus =>
        {
            bus.AddConsumer<AccountCreatedConsumer>();
            bus.AddConsumer<AccountUpdatedConsumer>();
            bus.AddConsumer<AccountStateChangedConsumer>();
            bus.AddConsumer<AccountsImportedConsumer>();
        });
    }

    public static WebApplicationBuilder AddDirectorySearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EntrySearch>();
        return builder;
    }

    public static WebApplication MapDirectoryApi(this WebApplication app)
    {
        app.MapGrpcService<DirectoryGrpcService>();
        // Liste rouge changes are not served yet: the base class answers UNIMPLEMENTED (see README).
        app.MapGrpcService<VisibilityGrpcService>();
        return app;
    }
}
