namespace Medimail.ServiceDefaults.Telemetry;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";
    /// <summary>How long a gauge read from the database or the broker is reused between scrapes.</summary>
    public TimeSpan ReadingLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
