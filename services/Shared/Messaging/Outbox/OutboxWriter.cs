using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Medimail.ServiceDefaults.Logging;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.Outbox;

public static class OutboxWriter
{
    // Nulls are left out: a batch event of 500 account snapshots is a quarter smaller, and reading it back gives the
    // same object (absent properties keep their defaults). The bus's own serializer omits them too.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Stages an integration event in the outbox. Nothing is sent here: the row is committed by the caller's
    /// next <c>SaveChanges</c>, together with the state change, and the relay publishes it afterwards.
    /// </summary>
    public static OutboxMessage AddOutboxMessage<TMessage>(this DbContext db, TMessage message, DateTimeOffset now)
        where TMessage : class
    {
        var row = Compose(message, now);
        db.Set<OutboxMessage>().Add(row);
        return row;
    }

    /// <summary>
    /// The outbox row of an event, serialised but not yet staged: a bulk job composes its events ahead of the
    /// transaction that stages them (<c>db.Set&lt;OutboxMessage&gt;().AddRange</c>), off that transaction's path.
    /// </summary>
    public static OutboxMessage Compose<TMessage>(TMessage message, DateTimeOffset now)
        where TMessage : class => new()
    {
        Id = NewId.NextSequentialGuid(),
        MessageType = typeof(TMessage).FullName!,
        Payload = JsonSerializer.Serialize(message, Json),
        CorrelationId = CorrelationId.Current,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
