namespace Medimail.ServiceDefaults.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    /// <summary>The public issuer (the gateway's address), as written in every token.</summary>
    public string Issuer { get; set; } = "";
    /// <summary>Where this process reads the signing keys: Identity-Registry's discovery document, reached directly.</summary>
    public string MetadataAddress { get; set; } = "";
    /// <summary>Development only: plain HTTP for metadata and the token endpoint.</summary>
    public bool AllowInsecureHttp { get; set; }
}
