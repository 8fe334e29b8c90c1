namespace Medimail.ServiceDefaults.Hosting;

public static class PeriodicTimerExtensions
{
    /// <summary>Waits for the next tick; false once the service is stopping (the loop then ends quietly).</summary>
    public static async Task<bool> NextTickOrStopAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}
