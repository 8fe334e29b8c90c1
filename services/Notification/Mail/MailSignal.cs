namespace Medimail.Notification.Mail;

/// <summary>
/// Wakes every idle sender worker as soon as new mail is committed to the queue, so a relaunch starts going out in
/// milliseconds rather than at the next poll. The poll stays as the safety net (another replica queued it, a
/// retry became due).
/// </summary>
public sealed class MailSignal
{
    private TaskCompletionSource pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref pulse, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns at the next <see cref="Notify"/> or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var woken = Volatile.Read(ref pulse).Task;
        await Task.WhenAny(woken, Task.Delay(timeout, clock, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
