namespace Medimail.IdentityRegistry.Auth;

public sealed class TokenServerOptions
{
    public const string Section = "TokenServer";
    public const string OperatorClientId = "medimail-operator";
    public const string DevelopmentOperatorSecret = "dev-operator-secret";
    public const string OperatorSecretVariable = "MEDIMAIL_OPERATOR_CLIENT_SECRET";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>PEM of the RSA key that signs tokens. Required outside development, where an ephemeral key is used.</summary>
    public string? SigningKeyPem { get; set; }
}
