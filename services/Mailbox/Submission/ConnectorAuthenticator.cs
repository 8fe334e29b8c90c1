using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Medimail.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;

namespace Medimail.Mailbox.Submission;

/// <summary>
/// <c>AUTH PLAIN</c> with a connector's client id and secret, checked by Identity-Registry itself: its token endpoint
/// issues a token only to a live connector (a revoked one is refused there), and the token is validated here exactly
/// as the API validates it. Attempts are rate-limited per client id and per remote address.
/// </summary>
public sealed class ConnectorAuthenticator : IUserAuthenticator
{
    public const string CallerKey = "medimail:caller";

    private readonly HttpClient http;
    private readonly IOptionsMonitor<JwtBearerOptions> jwtOptions;
    private readonly ILogger<ConnectorAuthenticator> logger;
    private readonly PartitionedRateLimiter<string> limiter;

    public ConnectorAuthenticator(IHttpClientFactory httpClients, IOptionsMonitor<JwtBearerOptions> jwtOptions,
        IOptions<SubmissionOptions> options, ILogger<ConnectorAuthenticator> logger)
    {
        http = httpClients.CreateClient(nameof(ConnectorAuthenticator));
        this.jwtOptions = jwtOptions;
        this.logger = logger;
        var permits = options.Value.MaxAuthenticationsPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public async Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var remote = context.Properties.TryGetValue(EndpointListener.RemoteEndPointKey, out var endpoint) && endpoint is IPEndPoint ip
            ? ip.Address.ToString() : "unknown";
        using var byUser = limiter.AttemptAcquire("user:" + user);
        using var byRemote = limiter.AttemptAcquire("remote:" + remote);
        if (!byUser.IsAcquired || !byRemote.IsAcquired)
        {
            logger.LogWarning("SMTP AUTH rate limit reached for a client id from {Remote}", remote);
            return false;
        }

        var token = await RequestTokenAsync(user, password, cancellationToken);
        if (token is null)
            return false;
        var caller = await ValidateAsync(token, cancellationToken);
        if (caller is null || !caller.IsConnector || caller.StructureIds.Count == 0)
        {
            logger.LogWarning("SMTP AUTH refused: the client is not a connector of a structure");
            return false;
        }
        context.Properties[CallerKey] = caller;
        return true;
    }

    private async Task<string?> RequestTokenAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("SMTP AUTH refused by the token endpoint ({Status})", (int)response.StatusCode);
            return null;
        }
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken))?.AccessToken;
    }

    private async Task<Caller?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = jwtOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var configuration = await jwt.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var parameters = jwt.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            logger.LogWarning(result.Exception, "SMTP AUTH: the token from the token endpoint did not validate");
            return null;
        }
        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        var scopes = principal.FindAll(MedimailClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return scopes.Contains(MedimailClaims.ApiScope) ? Caller.From(principal) : null;
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
