using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.Outbox;

/// <summary>
/// Lets a bulk job keep the events it commits batch by batch from leaving until the job ends: the consumers then
/// project the whole job at once, after it, instead of competing with it for the CPU and the database while it runs.
/// A held row is an ordinary unsent row whose <see cref="OutboxMessage.NextAttemptAt"/> lies at the end of the hold,
/// so a hold nobody releases (a job record removed by hand) ends by itself and no row is ever kept for good.
/// </summary>
public static class OutboxHolds
{
    public static OutboxMessage HeldBy(this OutboxMessage row, string holder, DateTimeOffset until)
    {
        row.HeldBy = holder;
        row.NextAttemptAt = until;
        return row;
    }

    /// <summary>
    /// Makes the rows <paramref name="holder"/> still holds due now. Runs in the caller's transaction; the caller then
    /// wakes the relay (<see cref="OutboxSignal.Notify"/>) once it has committed.
    /// </summary>
    public static Task<int> ReleaseHeldAsync(this DbContext db, string holder, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>()
            .Where(m => m.HeldBy == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.HeldBy, (string?)null).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
}
