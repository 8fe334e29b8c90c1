namespace Medimail.ServiceDefaults.Telemetry;

/// <summary>
/// A value read from a database or the broker for a gauge, kept for <see cref="MetricsOptions.ReadingLifetime"/>:
/// scrapes from several Prometheus servers (or a curious operator) cost one query per lifetime, not one each.
/// A failed read yields nothing (the gauge is absent from that scrape, not a misleading zero) and is not retried
/// before the lifetime has passed, so an unreachable database does not slow every scrape.
/// </summary>
public sealed class CachedReading<T>(Func<CancellationToken, Task<T>> read, TimeSpan lifetime, TimeProvider clock, ILogger logger)
    where T : class
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);
    private readonly Lock gate = new();
    private T? value;
    private DateTimeOffset readAt = DateTimeOffset.MinValue;

    /// <summary>The cached value, read again when older than the lifetime; null when the last read failed.</summary>
    public T? Get()
    {
        lock (gate)
        {
            if (clock.GetUtcNow() - readAt < lifetime)
                return value;
            // Gauges are observed one after another on the exporter's thread: reading under the lock is what makes
            // the gauges sharing this reading cost one query.
            readAt = clock.GetUtcNow();
            try
            {
                using var timeout = new CancellationTokenSource(ReadTimeout);
                value = read(timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                value = null;
                logger.LogDebug(ex, "Metric reading failed");
            }
            return value;
        }
    }
}
