using System.Threading.RateLimiting;

namespace Medimail.Gateway.RateLimiting;

/// <summary>One fixed window per caller: <c>PermitLimit</c> requests per <c>Window</c>, then up to <c>QueueLimit</c> wait.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
    public int QueueLimit { get; set; }

    /// <summary>Enrolment, registration, token and reference endpoints: slow enough to make guessing tokens or passwords pointless.</summary>
    public static RateLimitSettings AnonymousDefaults => new() { PermitLimit = 30, Window = TimeSpan.FromSeconds(10), QueueLimit = 0 };

    /// <summary><c>/connect/*</c> per client IP (see <see cref="RateLimitPolicies.Connect"/>).</summary>
    public static RateLimitSettings ConnectDefaults => new() { PermitLimit = 300, Window = TimeSpan.FromSeconds(10), QueueLimit = 0 };

    /// <summary><c>/admin/*</c> per client address (see <see cref="RateLimitPolicies.Console"/>).</summary>
    public static RateLimitSettings ConsoleDefaults => new() { PermitLimit = 200, Window = TimeSpan.FromSeconds(10), QueueLimit = 20 };

    /// <summary>Everything else, per token subject: a connector's bulk work fits, a runaway loop does not.</summary>
    public static RateLimitSettings ApiDefaults => new() { PermitLimit = 600, Window = TimeSpan.FromSeconds(1), QueueLimit = 200 };

    /// <summary><c>RateLimits:{name}</c> over the defaults; nonsense values stop start-up.</summary>
    public static RateLimitSettings Read(IConfiguration configuration, string name, RateLimitSettings defaults)
    {
        var key = $"{Section}:{name}";
        configuration.GetSection(key).Bind(defaults);
        if (defaults.PermitLimit <= 0 || defaults.Window <= TimeSpan.Zero || defaults.QueueLimit < 0)
            throw new InvalidOperationException(
                $"Setting '{key}' needs PermitLimit > 0, Window > 0 and QueueLimit >= 0 " +
                $"(got {defaults.PermitLimit}, {defaults.Window}, {defaults.QueueLimit}).");
        return defaults;
    }

    public FixedWindowRateLimiterOptions ToLimiterOptions() => new()
    {
        PermitLimit = PermitLimit,
        Window = Window,
        QueueLimit = QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}
