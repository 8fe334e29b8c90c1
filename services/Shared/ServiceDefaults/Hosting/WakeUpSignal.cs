namespace Medimail.ServiceDefaults.Hosting;

/// <summary>
/// Wakes a background loop as soon as there is work (an outbox row committed, a mail queued, an import started) rather
/// than at its next poll; the poll stays as the safety net (another replica did it, a retry became due). Every waiter is
/// woken, and a <see cref="Notify"/> while nobody waits is kept for the next wait, so no wake-up is lost between a pass
/// and the wait that follows it. Each use has its own subclass, so each loop gets its own signal from the container.
/// </summary>
public abstract class WakeUpSignal
{
    private TaskCompletionSource pulse = NewPulse();
    private int pending;

    public void Notify()
    {
        Volatile.Write(ref pending, 1);
        Interlocked.Exchange(ref pulse, NewPulse()).TrySetResult();
    }

    /// <returns>True when woken by <see cref="Notify"/>, false when <paramref name="timeout"/> passed first.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var woken = Volatile.Read(ref pulse).Task;
        if (Interlocked.Exchange(ref pending, 0) == 1)
            return true;
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(woken, Task.Delay(timeout, clock, stopDelay.Token));
        await stopDelay.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (first != woken)
            return false;
        Interlocked.Exchange(ref pending, 0);
        return true;
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The loop of a background worker woken by a <see cref="WakeUpSignal"/>, with its poll as the safety net.</summary>
public static class WakeUpLoop
{
    /// <summary>
    /// Runs <paramref name="pass"/> until the service stops. A pass returns how long to wait before the next one:
    /// null for "until woken or <paramref name="pollInterval"/>", <see cref="TimeSpan.Zero"/> for "at once" (more work is
    /// waiting), any other delay for a plain pause (a server down). A pass that fails is logged and tried again after
    /// <paramref name="pollInterval"/>: the work it left stays where the next pass finds it.
    /// </summary>
    public static async Task RunAsync(this WakeUpSignal signal, string loop, Func<CancellationToken, Task<TimeSpan?>> pass,
        TimeSpan pollInterval, TimeProvider clock, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = await pass(stoppingToken);
                if (wait is null)
                    await signal.WaitAsync(pollInterval, clock, stoppingToken);
                else if (wait > TimeSpan.Zero)
                    await Task.Delay(wait.Value, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "{Loop} pass failed; it is tried again in {Delay}", loop, pollInterval);
                try { await Task.Delay(pollInterval, clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
