using System.Text.Json;
using MassTransit;
using Medimail.ServiceDefaults.Logging;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.Outbox;

public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stages an integration event in the outbox. Nothing is sent here: the row is committed by the caller's
    /// next <c>SaveChanges</c>, together with the state change, and the relay publishes it afterwards.
    /// </summary>
    public static OutboxMessage AddOutboxMessage<TMessage>(this DbContext db, TMessage message, DateTimeOffset now)
        where TMessage : class
    {
        var row = new OutboxMessage
        {
            Id = NewId.NextSequentialGuid(),
            MessageType = typeof(TMessage).FullName!,
            Payload = JsonSerializer.Serialize(message, Json),
            CorrelationId = CorrelationId.Current,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
    }
}
