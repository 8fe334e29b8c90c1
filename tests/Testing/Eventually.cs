namespace Medimail.Testing;

/// <summary>Waits for an eventually-consistent effect (an event reaching a projection), failing with what was last seen.</summary>
public static class Eventually
{
    public static Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what) =>
        GetAsync(probe, done, timeout, what, (Func<T, Task<string>>?)null);

    /// <summary>
    /// As above; on timeout the message ends with <paramref name="describe"/> of the last value seen, so a failure in CI
    /// says where the wait stopped (for example the counts a drain reached), not only that it did not end.
    /// </summary>
    public static Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string> describe) =>
        GetAsync(probe, done, timeout, what, last => Task.FromResult(describe(last)));

    /// <summary>
    /// As above, with a description that may look further (another query), run once, only when the wait timed out;
    /// if it fails, the message says so instead.
    /// </summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<T, Task<string>>? describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        (bool Seen, T Value) last = (false, default!);
        Exception? lastError = null;
        do
        {
            try
            {
                last = (true, await probe());
                if (done(last.Value)) return last.Value;
            }
            catch (Exception ex)
            {
                lastError = ex;
            }
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Not true after {timeout.TotalSeconds:0} s: {what}.{await LastSeenAsync(last, describe)}", lastError);
    }

    private static async Task<string> LastSeenAsync<T>((bool Seen, T Value) last, Func<T, Task<string>>? describe)
    {
        if (describe is null)
            return "";
        if (!last.Seen)
            return " Nothing seen: every probe failed.";
        try
        {
            return $" Last seen: {await describe(last.Value)}.";
        }
        catch (Exception ex)
        {
            return $" Last seen: not described ({ex.GetType().Name}: {ex.Message}).";
        }
    }
}
