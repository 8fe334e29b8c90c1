namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>The <c>Enrolment</c> section, plus <c>PublicBaseUrl</c> where the links point.</summary>
internal sealed class EnrolmentOptions
{
    public const string Section = "Enrolment";

    /// <summary>The terms of use (CGU) a person accepts now; a completion naming another version is refused.</summary>
    public string TermsVersion { get; set; } = "2026-01";

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The gateway's public address, without the trailing slash: links read <c>{PublicBaseUrl}/enrol/{token}</c>.</summary>
    public string PublicBaseUrl { get; internal set; } = "";

    public string LinkFor(string token) => $"{PublicBaseUrl.TrimEnd('/')}/enrol/{token}";

    /// <summary>
    /// <c>PublicBaseUrl</c> when set, else the origin of <c>Auth:Issuer</c> (the gateway's public address in every
    /// deployment). Fails at start-up rather than mailing links that lead nowhere.
    /// </summary>
    public static string ResolvePublicBaseUrl(IConfiguration configuration)
    {
        if (configuration["PublicBaseUrl"] is { Length: > 0 } configured)
            return Absolute(configured, "PublicBaseUrl");
        if (configuration["Auth:Issuer"] is { Length: > 0 } issuer)
            return new Uri(Absolute(issuer, "Auth:Issuer")).GetLeftPart(UriPartial.Authority);
        throw new InvalidOperationException("PublicBaseUrl (or Auth:Issuer) must be set: enrolment links point at it.");
    }

    private static string Absolute(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value.TrimEnd('/')
            : throw new InvalidOperationException($"{name} must be an absolute http(s) URL.");
}
