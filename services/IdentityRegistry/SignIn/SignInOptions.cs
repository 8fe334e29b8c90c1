namespace Medimail.IdentityRegistry.SignIn;

/// <summary>Settings of people's sign-in (section <c>SignIn</c>).</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>How long the sign-in cookie lets the authorization endpoint issue codes without asking again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Lifetime of people's refresh tokens (each use gives a new one and kills the old one).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);
    /// <summary>Where the admin console and the webmail may receive codes (exact match); defaults under PublicBaseUrl.</summary>
    public List<string> AdminRedirectUris { get; set; } = [];
    public List<string> WebmailRedirectUris { get; set; } = [];
    public ThrottleOptions Throttle { get; init; } = new();
    /// <summary>
    /// Mailbox types whose people must use a second factor (<c>SignIn:RequireSecondFactor:INT=true</c>): INT users
    /// have no national e-CPS card, so the platform offers TOTP. Such a person enrols it during the sign-in.
    /// </summary>
    public Dictionary<string, bool> RequireSecondFactor { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>
    /// Addresses (comma or semicolon separated) of people whose tokens also carry the <c>operator</c> role: the service
    /// centre's staff sign in to the admin console as themselves, so the audit names a person, not a shared client.
    /// </summary>
    public string OperatorEmails { get; set; } = "";

    public bool IsOperator(string email) =>
        OperatorEmails.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(email, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Growing delays after repeated failures: the first <c>FreeFailures…</c> cost nothing, then each further failure blocks the
/// key for <c>BaseDelay</c> × 2^(n − free), up to <c>MaxDelay</c>. A quiet <c>Window</c> forgets the count, so nobody
/// is locked out for good.
/// </summary>
public sealed class ThrottleOptions
{
    public int FreeFailuresPerAddress { get; set; } = 5;
    /// <summary>A hospital's staff share one address: typing mistakes of hundreds of people must not block them all.</summary>
    public int FreeFailuresPerClient { get; set; } = 100;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan DelayAfter(int failures, int free)
    {
        if (failures <= free) return TimeSpan.Zero;
        var exponent = Math.Min(failures - free - 1, 30);
        var ticks = Math.Min((double)BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
