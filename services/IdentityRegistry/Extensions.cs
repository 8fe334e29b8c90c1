using Medimail.IdentityRegistry.Accounts;
using Microsoft.EntityFrameworkCore;
using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Domain.Reference;
using Medimail.IdentityRegistry.Grpc;
using Medimail.IdentityRegistry.Structures;
using Medimail.Messaging;
using Medimail.Messaging.Data;

namespace Medimail.IdentityRegistry;

/// <summary>All of Identity-Registry's wiring; Program.cs only lists the features.</summary>
internal static class Extensions
{
    public static void AddIdentityData(this WebApplicationBuilder builder) =>
        builder.AddServiceDatabase<IdentityDbContext>(options => options.UseOpenIddict());

    // Identity-Registry publishes only; it consumes nothing yet.
    public static void AddIdentityMessaging(this WebApplicationBuilder builder) =>
        builder.AddMedimailMessaging<IdentityDbContext>("identity", _ => { });

    public static void AddAccountFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ReferenceData.Default);
        builder.Services.AddSingleton<AccountRules>();
        builder.Services.AddScoped<AccountFactory>();
        builder.Services.AddScoped<StructureRegistry>();
        builder.Services.AddScoped<AccountRegistry>();
        builder.Services.AddScoped<AccountLookup>();
    }

    public static void MapIdentityApi(this WebApplication app)
    {
        app.MapGrpcService<StructureGrpcService>();
        app.MapGrpcService<AccountGrpcService>();
        app.MapGrpcService<ReferenceGrpcService>();
    }
}
