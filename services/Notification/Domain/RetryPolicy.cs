namespace Medimail.Notification.Domain;

/// <summary>
/// Exponential back-off between attempts: with the defaults, 30 s, 1, 2, 4, 8, 16 then 32 minutes, so eight attempts
/// cover about an hour of SMTP outage before a mail is given up.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <param name="attempts">Attempts made so far (at least one).</param>
    /// <param name="jitter">A number in [0, 1): spreads retries so a recovered server is not hit by every mail at once.</param>
    public TimeSpan DelayAfter(int attempts, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(MaxDelay.TotalSeconds, BaseDelay.TotalSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * jitter));
    }
}
