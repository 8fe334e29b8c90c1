using MassTransit;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.Consumers;

/// <summary>
/// Applies a message at most once per consumer: the <c>processed_messages</c> row and the consumer's effect
/// (including any outbox rows it stages) commit in one transaction. A redelivery finds the row and does nothing;
/// a failure rolls both back and MassTransit retries, then moves the message to the <c>_error</c> queue.
/// </summary>
public abstract class IdempotentConsumer<TDbContext, TMessage>(TDbContext db, ILogger logger) : IConsumer<TMessage>
    where TDbContext : DbContext
    where TMessage : class
{
    protected TDbContext Db { get; } = db;

    /// <summary>Stable name recorded with each processed message; the class name unless a consumer needs otherwise.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; it cannot be deduplicated.");
        var cancellationToken = context.CancellationToken;

        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var first = await Db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO processed_messages (message_id, consumer, processed_at)
            VALUES ({messageId}, {ConsumerName}, {DateTimeOffset.UtcNow})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (first == 0)
        {
            logger.LogInformation("{Consumer} already processed message {MessageId}; skipped", ConsumerName, messageId);
            return;
        }

        await HandleAsync(context.Message, context, cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Committed();
    }

    /// <summary>Runs once the effect is committed and visible to others (e.g. to wake a worker that waits for it).</summary>
    protected virtual void Committed() { }

    /// <summary>The effect: change tracked entities (or run SQL) on <see cref="Db"/>; the base class saves and commits.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context, CancellationToken cancellationToken);
}
