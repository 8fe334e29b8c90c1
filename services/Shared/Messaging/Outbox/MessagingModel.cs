using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.Outbox;

public static class MessagingModel
{
    /// <summary>Adds <c>outbox_messages</c> and <c>processed_messages</c> to a service's own model and migrations.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.MessageType).HasMaxLength(200);
            // json, not jsonb: the payload is written once and read back whole by the relay, never queried inside, so
            // jsonb's parsing and re-printing is pure cost (about 1 CPU-s of PostgreSQL per 100,000 imported accounts);
            // lz4 compresses the large batch events several times faster than the default pglz.
            outbox.Property(m => m.Payload).HasColumnType("json").UseCompressionMethod("lz4");
            outbox.Property(m => m.CorrelationId).HasMaxLength(64);
            // The relay's only query: unsent rows that are due, oldest first.
            outbox.HasIndex(m => new { m.NextAttemptAt, m.CreatedAt }).HasFilter("sent_at IS NULL")
                .HasDatabaseName("ix_outbox_messages_unsent");
            // A job releases its held rows by its id; released rows leave the index.
            outbox.Property(m => m.HeldBy).HasMaxLength(64);
            outbox.HasIndex(m => m.HeldBy).HasFilter("held_by IS NOT NULL").HasDatabaseName("ix_outbox_messages_held");
        });
        model.Entity<ProcessedMessage>(processed =>
        {
            processed.ToTable("processed_messages");
            processed.HasKey(m => new { m.MessageId, m.Consumer });
            processed.Property(m => m.Consumer).HasMaxLength(200);
        });
        return model;
    }
}
