using System.Collections.Frozen;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Hosting;

namespace Medimail.ServiceDefaults.Auth;

/// <summary>
/// The clients (connectors) revoked by their owners, read from Identity-Registry's revocation list
/// (<c>GET /internal/revoked-clients</c> on its internal HTTP port) every <c>Auth:RevocationRefresh</c> (20 s).
/// A token whose <c>client_id</c> is on the list and was issued before the revocation is refused here, in the gateway
/// and in every service, so a revoked connector's tokens die within one refresh, well under the 60 s docs/api.md allows,
/// while JWT validation stays local (docs/sign-in.md says why this over introspection or events).
/// </summary>
public sealed class RevokedClients
{
    private volatile FrozenDictionary<string, DateTimeOffset> revoked = FrozenDictionary<string, DateTimeOffset>.Empty;

    /// <summary>True when a token of <paramref name="clientId"/> issued at <paramref name="issuedAt"/> must be refused.</summary>
    public bool IsRevoked(string? clientId, DateTimeOffset issuedAt) =>
        clientId is not null && revoked.TryGetValue(clientId, out var at) && issuedAt <= at;

    public void Replace(IEnumerable<RevokedClient> clients) =>
        revoked = clients.ToFrozenDictionary(c => c.ClientId, c => c.RevokedAt, StringComparer.Ordinal);

    /// <summary>Refuses, after the signature checks, a token of a revoked client.</summary>
    internal Task OnTokenValidated(TokenValidatedContext context)
    {
        var clientId = context.Principal?.FindFirst("client_id")?.Value;
        var issuedAt = context.SecurityToken.ValidFrom;
        if (IsRevoked(clientId, new DateTimeOffset(DateTime.SpecifyKind(issuedAt, DateTimeKind.Utc))))
            context.Fail("This client has been revoked.");
        return Task.CompletedTask;
    }
}

public sealed record RevokedClient(string ClientId, DateTimeOffset RevokedAt);

/// <summary>Keeps <see cref="RevokedClients"/> fresh; when Identity-Registry cannot be reached, the last list stays.</summary>
internal sealed class RevokedClientsRefresher(RevokedClients list, IHttpClientFactory http, AuthOptions auth, IConfiguration configuration,
    ILogger<RevokedClientsRefresher> logger) : BackgroundService
{
    public const string HttpClientName = "revoked-clients";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = configuration.GetValue("Auth:RevocationRefresh", TimeSpan.FromSeconds(20));
        var address = new Uri(new Uri(auth.MetadataAddress).GetLeftPart(UriPartial.Authority) + "/internal/revoked-clients");
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                using var client = http.CreateClient(HttpClientName);
                var clients = await client.GetFromJsonAsync<List<RevokedClient>>(address, stoppingToken);
                list.Replace(clients ?? []);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Revocation list not refreshed from {Address}: {Error}", address, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
