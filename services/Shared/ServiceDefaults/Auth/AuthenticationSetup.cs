using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Medimail.ServiceDefaults.Auth;

public static class AuthenticationSetup
{
    public const string ApiPolicy = "api";
    /// <summary>Internal endpoints: only the platform's own processes (a service identity's token, scope <c>internal</c>).</summary>
    public const string InternalPolicy = "internal";

    /// <summary>
    /// Every service validates tokens itself (the gateway is not trusted blindly): signature from Identity-Registry's
    /// JWKS, the public issuer, the API audience and the <c>api</c> scope. Every endpoint requires it unless marked anonymous.
    /// A token already validated is not checked again until it expires (<see cref="CachingTokenHandler"/>).
    /// </summary>
    public static AuthOptions AddMedimailAuthentication(this WebApplicationBuilder builder)
    {
        var options = new AuthOptions
        {
            Issuer = builder.Configuration.GetRequired("Auth:Issuer"),
            MetadataAddress = builder.Configuration.GetRequired("Auth:MetadataAddress"),
            AllowInsecureHttp = builder.Configuration.GetValue<bool>("Auth:AllowInsecureHttp"),
        };
        builder.Services.AddSingleton(options);
        var revoked = new RevokedClients();
        builder.Services.AddSingleton(revoked);
        builder.AddServiceTokens(options);
        builder.Services.AddHttpClient(RevokedClientsRefresher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .AddHttpMessageHandler<ServiceTokenHandler>();
        builder.Services.AddHostedService<RevokedClientsRefresher>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MetadataAddress = options.MetadataAddress;
                jwt.RequireHttpsMetadata = !options.AllowInsecureHttp;
                jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    options.MetadataAddress, new OpenIdConnectConfigurationRetriever(),
                    new InternalMetadataRetriever(options.Issuer, options.MetadataAddress, options.AllowInsecureHttp));
                jwt.MapInboundClaims = false;
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachingTokenHandler(TimeProvider.System) { MapInboundClaims = false });
                jwt.RefreshOnIssuerKeyNotFound = true;
                jwt.Events = new JwtBearerEvents { OnTokenValidated = revoked.OnTokenValidated };
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = MedimailClaims.Audience,
                    NameClaimType = "sub",
                    RoleClaimType = MedimailClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(HasApiScope))
            .AddPolicy(InternalPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c, MedimailClaims.InternalScope)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(HasApiScope).Build());
        return options;
    }

    /// <summary>This process's service identity and the handler that puts its token on internal calls.</summary>
    private static void AddServiceTokens(this WebApplicationBuilder builder, AuthOptions options)
    {
        var identity = ServiceIdentity.Read(builder.Configuration, builder.Environment, options);
        builder.Services.AddHttpClient(ServiceTokens.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(provider => new ServiceTokens(
            provider.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, identity));
        builder.Services.AddTransient<ServiceTokenHandler>();
    }

    private static bool HasApiScope(AuthorizationHandlerContext context) => HasScope(context, MedimailClaims.ApiScope);

    private static bool HasScope(AuthorizationHandlerContext context, string scope) =>
        context.User.FindAll(MedimailClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope);
}
