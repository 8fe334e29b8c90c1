namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// The platform's own processes as OAuth clients (client credentials, scope <c>internal</c> only): one per process, its
/// secret from <c>ServiceClients:{Name}:Secret</c> (hashed by OpenIddict when stored). Each process presents its token
/// on the internal endpoints (the relaunch links, the account feed, the revocation list); people, connectors and the
/// operator cannot get that scope.
/// </summary>
public sealed record ServiceClients(IReadOnlyDictionary<string, string> SecretsByClientId)
{
    public static readonly IReadOnlyList<string> Names = ["Gateway", "Identity", "Mailbox", "Directory", "Notification"];

    public static string ClientIdOf(string name) => "medimail-service-" + name.ToLowerInvariant();

    /// <summary>Every secret is required outside development; in development a process without one is simply not registered.</summary>
    public static ServiceClients Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var secret = configuration[$"ServiceClients:{name}:Secret"];
            if (!string.IsNullOrWhiteSpace(secret))
                secrets[ClientIdOf(name)] = secret;
            else if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    $"Missing required setting ServiceClients:{name}:Secret (environment variable ServiceClients__{name}__Secret): the secret of {ClientIdOf(name)}.");
        }
        return new ServiceClients(secrets);
    }
}
