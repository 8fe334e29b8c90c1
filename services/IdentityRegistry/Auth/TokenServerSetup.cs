using System.Security.Cryptography;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Medimail.IdentityRegistry.Auth;

public static class TokenServerSetup
{
    /// <summary>
    /// OpenIddict issues signed JWT access tokens (not encrypted: every service validates them from the JWKS)
    /// for the client-credentials grant (operator, connectors) and for people (authorization code with PKCE, refresh
    /// tokens that rotate); clients, their hashed secrets, codes and refresh tokens live in the identity database.
    /// </summary>
    public static void AddTokenServer(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TokenServerOptions.Section).Get<TokenServerOptions>() ?? new TokenServerOptions();
        var issuer = new Uri(builder.Configuration.GetRequired("Auth:Issuer"));
        var allowHttp = builder.Configuration.GetValue<bool>("Auth:AllowInsecureHttp");
        var operatorSecret = OperatorSecret(builder);
        var signIn = builder.Configuration.GetSection(SignIn.SignInOptions.Section).Get<SignIn.SignInOptions>() ?? new SignIn.SignInOptions();

        builder.Services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>();
                core.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, LoopbackAwareApplicationManager>();
            })
            .AddServer(server =>
            {
                server.SetIssuer(issuer);
                server.SetTokenEndpointUris("connect/token");
                server.SetAuthorizationEndpointUris("connect/authorize");
                server.SetEndSessionEndpointUris("connect/logout");
                server.SetRevocationEndpointUris("connect/revoke");
                server.SetUserInfoEndpointUris("connect/userinfo");
                server.AllowClientCredentialsFlow();
                // People: code + PKCE (S256 only: "plain" gives nothing against a stolen code), rotating refresh tokens.
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.Configure(o => { o.CodeChallengeMethods.Clear(); o.CodeChallengeMethods.Add(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Sha256); });
                server.AllowRefreshTokenFlow();
                server.RegisterScopes(MedimailClaims.ApiScope, MedimailClaims.InternalScope, OpenIddict.Abstractions.OpenIddictConstants.Scopes.Email,
                    OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile, OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess);
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(signIn.RefreshTokenLifetime);
                // docs/api.md: a used refresh token fails, at once (OpenIddict would otherwise accept it again for 30 s).
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(RevocationTrace.Descriptor);
                server.AddEventHandler(RevocationTrace.SubjectDescriptor);
                server.AddEventHandler(UnstoredIdentityTokens.Descriptor);
                AddSigningKey(server, settings, builder.Environment);
                // An unknown client id and a wrong secret get the same answer: the error must not tell which client ids exist.
                server.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (context.Response.Error == OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidClient)
                        {
                            context.Response.ErrorDescription = "Client inconnu ou secret invalide.";
                            context.Response.ErrorUri = null;
                        }
                        return default;
                    })
                    .SetOrder(int.MinValue + 100_000));
                // Every token answer, whatever rejected it (an unknown client, a wrong secret, a refused grant): medimail_signins_total.
                server.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.ApplyTokenResponseContext>(handler =>
                    handler.UseInlineHandler(SignInCounting.Count));
                var aspNetCore = server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (allowHttp)
                    aspNetCore.DisableTransportSecurityRequirement();
            });

        builder.Services.AddSingleton(new OperatorClientSecret(operatorSecret));
        builder.Services.AddSingleton(ServiceClients.Read(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton(TokenRateLimitOptions.Read(builder.Configuration));
        builder.Services.AddSingleton<TokenRateLimit>();
        builder.Services.AddHostedService<BootstrapClients>();
    }

    /// <summary>The token endpoint's own rate limit (<see cref="TokenRateLimit"/>), ahead of OpenIddict.</summary>
    public static void UseTokenRateLimit(this WebApplication app) => app.UseMiddleware<TokenRateLimit>();

    public static void MapTokenServer(this WebApplication app) =>
        app.MapPost("/connect/token", TokenEndpoint.HandleAsync).AllowAnonymous();

    /// <summary>Development has a well-known default; anywhere else start-up fails without a configured secret.</summary>
    private static string OperatorSecret(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[TokenServerOptions.OperatorSecretVariable];
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        if (builder.Environment.IsDevelopment())
            return TokenServerOptions.DevelopmentOperatorSecret;
        throw new InvalidOperationException(
            $"Missing required setting {TokenServerOptions.OperatorSecretVariable}: the bootstrap operator client has no default secret outside development.");
    }

    private static void AddSigningKey(OpenIddictServerBuilder server, TokenServerOptions settings, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(settings.SigningKeyPem))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(settings.SigningKeyPem);
            server.AddSigningKey(new RsaSecurityKey(rsa) { KeyId = "medimail-signing" });
        }
        else if (environment.IsDevelopment())
        {
            // Tokens die with the process, which is what development wants.
            server.AddEphemeralSigningKey();
        }
        else
        {
            throw new InvalidOperationException("Missing required setting 'TokenServer:SigningKeyPem' (environment variable TokenServer__SigningKeyPem).");
        }
        // Only used for authorization codes and refresh tokens, which are never given to other services. Without a
        // configured key they die with the process (a restart signs people out) and replicas cannot read each
        // other's: development only. A symmetric key also spares an RSA operation per code and refresh token.
        if (!string.IsNullOrWhiteSpace(settings.EncryptionKey))
            server.AddEncryptionKey(new SymmetricSecurityKey(EncryptionKeyBytes(settings.EncryptionKey)));
        else if (environment.IsDevelopment())
            server.AddEphemeralEncryptionKey();
        else
            throw new InvalidOperationException("Missing required setting 'TokenServer:EncryptionKey' (environment variable TokenServer__EncryptionKey): " +
                "base64 of 32 random bytes (openssl rand -base64 32), the same for every replica.");
    }

    private static byte[] EncryptionKeyBytes(string configured)
    {
        var bytes = new byte[64];
        if (!Convert.TryFromBase64String(configured.Trim(), bytes, out var length) || length != 32)
            throw new InvalidOperationException("Setting 'TokenServer:EncryptionKey' must be base64 of exactly 32 bytes (openssl rand -base64 32).");
        return bytes[..32];
    }
}

public sealed record OperatorClientSecret(string Value);
