namespace Medimail.IdentityRegistry.Auth;

public sealed class TokenServerOptions
{
    public const string Section = "TokenServer";
    public const string OperatorClientId = "medimail-operator";
    public const string DevelopmentOperatorSecret = "dev-operator-secret";
    public const string OperatorSecretVariable = "MEDIMAIL_OPERATOR_CLIENT_SECRET";

    /// <summary>People's and connectors' access tokens (docs/api.md: 5 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>PEM of the RSA key that signs tokens. Required outside development, where an ephemeral key is used.</summary>
    public string? SigningKeyPem { get; set; }
    /// <summary>
    /// Base64 of a 256-bit key that encrypts authorization codes and refresh tokens, the same on every replica.
    /// Required outside development, where an ephemeral key is used (refresh tokens die with the process).
    /// </summary>
    public string? EncryptionKey { get; set; }
}
