using Microsoft.Extensions.Hosting;

namespace Medimail.ServiceDefaults.Auth;

/// <summary>
/// This process's own OAuth client (client credentials, scope <c>internal</c>): what it presents to the other processes'
/// internal endpoints, never a person's or a connector's token (docs/sign-in.md, "Service identities").
/// </summary>
public sealed record ServiceIdentity(string ClientId, string ClientSecret, Uri TokenEndpoint)
{
    /// <summary>
    /// <c>ServiceIdentity:ClientId</c> and <c>:ClientSecret</c>; the token endpoint is Identity-Registry's, reached directly
    /// (the authority of <c>Auth:MetadataAddress</c>). Required outside development; null there when not given, and then
    /// internal calls go without a token and are refused.
    /// </summary>
    public static ServiceIdentity? Read(IConfiguration configuration, IHostEnvironment environment, AuthOptions auth)
    {
        var clientId = configuration["ServiceIdentity:ClientId"];
        var secret = configuration["ServiceIdentity:ClientSecret"];
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(secret))
        {
            if (environment.IsDevelopment())
                return null;
            throw new InvalidOperationException(
                "Missing required settings ServiceIdentity:ClientId and ServiceIdentity:ClientSecret (environment variables "
                + "ServiceIdentity__ClientId, ServiceIdentity__ClientSecret): the process's own identity for internal calls.");
        }
        var endpoint = new Uri(new Uri(auth.MetadataAddress).GetLeftPart(UriPartial.Authority) + "/connect/token");
        return new ServiceIdentity(clientId.Trim(), secret, endpoint);
    }
}
