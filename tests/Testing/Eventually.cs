namespace Medimail.Testing;

/// <summary>Waits for an eventually-consistent effect (an event reaching a projection), failing with what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        Exception? lastError = null;
        do
        {
            try
            {
                last = await probe();
                if (done(last)) return last;
            }
            catch (Exception ex)
            {
                lastError = ex;
            }
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Not true after {timeout.TotalSeconds:0} s: {what}.", lastError);
    }
}
