using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Medimail.Mailbox.Messages;
using Medimail.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Traces;

/// <summary>How a caller reaches Mailbox: the public API or SMTP submission; recorded with each trace.</summary>
public sealed record Actor(Caller Caller, string Channel)
{
    public string Name => Caller.DisplayName;
    public string Kind => MessageAccess.ActorKind(Caller);
}

/// <summary>
/// Writes traces. A success is staged in the caller's transaction (it commits with the effect, or not at all);
/// a refusal is written on its own after the failed work rolled back, so it survives the failure it records.
/// </summary>
public sealed class TraceLog(MailboxDbContext db, TimeProvider clock)
{
    public TraceEntry Stage(Actor actor, string boxAddress, string action, Guid? messageId, string detail = "")
    {
        var entry = New(actor, boxAddress, action, TraceOutcomes.Success, messageId, detail);
        db.Traces.Add(entry);
        return entry;
    }

    public async Task RecordRefusedAsync(Actor actor, string boxAddress, string action, Guid? messageId, string reason)
    {
        db.ChangeTracker.Clear();
        var entry = New(actor, boxAddress, action, TraceOutcomes.Refused, messageId, reason);
        // Not the request's token: a client that gave up must still leave its refused attempt in the trail.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO traces (box_address, actor, actor_kind, action, outcome, message_id, detail, channel, time)
            VALUES ({entry.BoxAddress}, {entry.Actor}, {entry.ActorKind}, {entry.Action}, {entry.Outcome},
                    {entry.MessageId}, {entry.Detail}, {entry.Channel}, {entry.Time})
            """, CancellationToken.None);
    }

    private TraceEntry New(Actor actor, string boxAddress, string action, string outcome, Guid? messageId, string detail) => new()
    {
        BoxAddress = Clip(Addresses.Normalize(boxAddress), 320),
        Actor = Clip(actor.Name, 320),
        ActorKind = actor.Kind,
        Action = action,
        Outcome = outcome,
        MessageId = messageId,
        Detail = Clip(detail, 1000),
        Channel = actor.Channel,
        Time = clock.GetUtcNow(),
    };

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
