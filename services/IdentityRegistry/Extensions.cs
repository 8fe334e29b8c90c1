using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Domain.Reference;
using Medimail.IdentityRegistry.Enrolment;
using Medimail.IdentityRegistry.Grpc;
using Medimail.IdentityRegistry.Structures;
using Medimail.Messaging;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Data;
using Medimail.ServiceDefaults;
using Medimail.ServiceDefaults.Errors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Medimail.IdentityRegistry;

/// <summary>All of Identity-Registry's wiring; Program.cs only lists the features.</summary>
internal static class Extensions
{
    public static void AddIdentityData(this WebApplicationBuilder builder) =>
        builder.AddServiceDatabase<IdentityDbContext>((_, options) => options.UseOpenIddict(), autoPrepare: true);

    // Identity-Registry mostly publishes; it listens to the Directory's liste rouge changes (the Directory owns them).
    public static void AddIdentityMessaging(this WebApplicationBuilder builder) =>
        builder.AddMedimailMessaging<IdentityDbContext>("identity", bus =>
        {
            bus.AddConsumer<Consumers.VisibilityChangedConsumer>();
            bus.AddConsumer<Consumers.AuditRecordedConsumer>();
        });

    public static void AddAccountFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ReferenceData.Default);
        builder.Services.AddSingleton<AccountRules>();
        builder.Services.AddScoped<AccountFactory>();
        builder.Services.AddScoped<StructureRegistry>();
        builder.Services.AddScoped<ConnectorRegistry>();
        builder.Services.AddScoped<AccountRegistry>();
        builder.Services.AddScoped<AccountLookup>();
        builder.Services.AddHostedService<AccountExpiry>();
        var inactivity = builder.Configuration.GetSection(InactivityOptions.Section).Get<InactivityOptions>() ?? new InactivityOptions();
        if (inactivity.NoticeAfter <= TimeSpan.Zero || inactivity.DisableAfter <= inactivity.NoticeAfter || inactivity.CheckInterval <= TimeSpan.Zero)
            throw new InvalidOperationException("Inactivity:NoticeAfter must be positive and shorter than Inactivity:DisableAfter; Inactivity:CheckInterval positive.");
        builder.Services.AddSingleton(inactivity);
        builder.Services.AddHostedService<AccountInactivity>();
    }

    /// <summary>
    /// The audit store (docs/audit.md): entries written with the changes they record, refusals recorded by an interceptor
    /// in their own transaction, other services' acts consumed from their outboxes, and the retention purge.
    /// </summary>
    public static void AddAuditFeatures(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(Audit.AuditOptions.Section).Get<Audit.AuditOptions>() ?? new Audit.AuditOptions();
        if (options.Retention < Audit.AuditOptions.MinimumRetention)
            throw new InvalidOperationException(
                $"Audit:Retention is {options.Retention.TotalDays} days; the MSSanté rules require at least {Audit.AuditOptions.MinimumRetention.TotalDays} (6 months).");
        if (options.PurgeInterval <= TimeSpan.Zero)
            throw new InvalidOperationException("Audit:PurgeInterval must be positive.");
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<Audit.AuditQuery>();
        builder.Services.AddSingleton<Audit.AuditRefusals>();
        builder.Services.Configure<global::Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<Audit.AuditRefusals>());
        builder.Services.AddHostedService<Audit.AuditRetention>();
    }

    public static void MapAuditApi(this WebApplication app) => app.MapGrpcService<AuditGrpcService>();

    /// <summary>Enrolment links, invitations, relaunch links, person passwords (PBKDF2, 210,000 iterations or more).</summary>
    public static void AddEnrolmentFeatures(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EnrolmentOptions.Section);
        var publicBaseUrl = EnrolmentOptions.ResolvePublicBaseUrl(builder.Configuration);
        builder.Services.AddOptions<EnrolmentOptions>().Bind(section).Configure(o => o.PublicBaseUrl = publicBaseUrl)
            .Validate(o => o.LinkLifetime > TimeSpan.Zero && !string.IsNullOrWhiteSpace(o.TermsVersion),
                "Enrolment:LinkLifetime must be positive and Enrolment:TermsVersion set.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<Microsoft.AspNetCore.Identity.PasswordHasherOptions>()
            .Configure(o => o.IterationCount = Math.Max(o.IterationCount, 210_000));
        builder.Services.TryAddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Data.AccountRecord>,
            Microsoft.AspNetCore.Identity.PasswordHasher<Data.AccountRecord>>();
        builder.Services.AddSingleton(CommonPasswords.Default);
        builder.Services.AddSingleton<PasswordPolicy>();
        builder.Services.AddScoped<IEnrolmentLinkIssuer, EnrolmentLinkIssuer>();
        builder.Services.AddScoped<EnrolmentRegistry>();
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddGrpcServiceOptions<EnrolmentGrpcService>(o => o.MaxReceiveMessageSize = EnrolmentMaxMessageBytes);
        builder.Services.AddSingleton(builder.Configuration.GetSection(Registrations.RegistrationOptions.Section).Get<Registrations.RegistrationOptions>() ?? new Registrations.RegistrationOptions());
        builder.Services.AddScoped<Registrations.RegistrationDesk>();
    }

    /// <summary>The enrolment RPCs are anonymous: a message larger than a form is refused on its length prefix.</summary>
    public const int EnrolmentMaxMessageBytes = 8 * 1024;

    /// <summary>
    /// People's sign-in (docs/sign-in.md): the HTML form and its session cookie, the password check with its growing
    /// delays, the claims of their tokens, and the security events.
    /// </summary>
    public static void AddSignInFeatures(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SignIn.SignInOptions.Section);
        // Auth:RequireSecondFactor:{TYPE} (docs/api.md's name for it, e.g. Auth__RequireSecondFactor__INT=true).
        builder.Services.AddOptions<SignIn.SignInOptions>().Bind(section)
            .Configure(o => builder.Configuration.GetSection("Auth:RequireSecondFactor").Bind(o.RequireSecondFactor));
        var options = section.Get<SignIn.SignInOptions>() ?? new SignIn.SignInOptions();
        builder.Services.AddSingleton(PublicClientSettings.From(options, EnrolmentOptions.ResolvePublicBaseUrl(builder.Configuration)));
        builder.Services.AddAuthentication().AddCookie(SignIn.SignInEndpoints.CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "medimail-signin";
            cookie.Cookie.Path = "/connect";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = false;
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "medimail-signin-af";
            o.Cookie.Path = "/connect";
        });
        // The cookie and antiforgery tokens are sealed with data-protection keys: replicas share one key ring.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("medimail-identity");
        if (builder.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ISecurityEvents, AuditedSecurityEvents>();
        builder.Services.AddSingleton<SignIn.DummyPasswordHash>();
        builder.Services.AddScoped<SignIn.SignInThrottle>();
        builder.Services.AddScoped<SignIn.PasswordCheck>();
        builder.Services.AddScoped<SignIn.PersonClaims>();
        builder.Services.AddScoped<SignIn.SecondFactor>();
        builder.Services.AddScoped<SignIn.SecondFactorStep>();
    }

    public static void MapSignIn(this WebApplication app)
    {
        SignIn.SignInEndpoints.Map(app);
        app.MapGrpcService<MeGrpcService>();
        // The revocation list every process polls with its service identity (not routed by the gateway either).
        app.MapGet("/internal/revoked-clients", (ConnectorRegistry connectors, HttpContext http) => connectors.RevokedAsync(http.RequestAborted))
            .RequireAuthorization(AuthenticationSetup.InternalPolicy);
    }

    public static void MapEnrolmentApi(this WebApplication app)
    {
        app.MapGrpcService<EnrolmentGrpcService>();
        app.MapGrpcService<EnrolmentLinkGrpcService>().RequireAuthorization(AuthenticationSetup.InternalPolicy);
        app.MapGrpcService<RegistrationGrpcService>();
    }

    /// <summary>The loadusers import (a background job per file) and the account export; 50 MB files come base64 in one message.</summary>
    public static void AddImportFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcServiceOptions<ImportGrpcService>(o => o.MaxReceiveMessageSize = Imports.ImportLimits.MaxRequestBytes);
        // The server-wide ceiling; every route but the import's has a far smaller limit (RequestSizeLimits).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = Imports.ImportLimits.MaxRequestBytes);
        builder.Services.AddRequestSizeLimits(new Dictionary<string, long>
        {
            ["/api/v1/imports"] = Imports.ImportLimits.MaxRequestBytes,
            ["/medimail.identity.v1.ImportService"] = Imports.ImportLimits.MaxRequestBytes,
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Imports.ImportRowChecker>();
        builder.Services.AddSingleton<Imports.ImportSignal>();
        builder.Services.AddSingleton<Imports.ImportJobRunner>();
        builder.Services.AddHostedService<Imports.ImportWorker>();
        builder.Services.AddScoped<Imports.ImportJobs>();
        builder.Services.AddScoped<Exports.AccountExporter>();
    }

    public static void MapImportApi(this WebApplication app) => app.MapGrpcService<ImportGrpcService>();

    public static void MapIdentityApi(this WebApplication app)
    {
        app.MapGrpcService<StructureGrpcService>();
        app.MapGrpcService<AccountGrpcService>();
        app.MapGrpcService<ReferenceGrpcService>();
        app.MapGrpcService<AccountFeedGrpcService>().RequireAuthorization(AuthenticationSetup.InternalPolicy);
    }
}
