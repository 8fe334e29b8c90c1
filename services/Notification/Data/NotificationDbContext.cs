using Medimail.Messaging.Outbox;
using Medimail.Notification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Notification.Data;

public sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : DbContext(options)
{
    public DbSet<MailNotification> Notifications => Set<MailNotification>();
    public DbSet<Relaunch> Relaunches => Set<Relaunch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<MailNotification>(mail =>
        {
            mail.ToTable("notifications");
            mail.HasKey(m => m.Id);
            mail.Property(m => m.Recipient).HasMaxLength(320);
            mail.Property(m => m.Kind).HasMaxLength(32);
            mail.Property(m => m.Subject).HasMaxLength(500);
            // Written once when queued, then only read. Migration ComposedMessageContent sets STORAGE EXTERNAL: kept
            // out of line, uncompressed, so the lease and the record, which rewrite the row, copy a pointer instead.
            mail.Property(m => m.Content).HasColumnType("bytea");
            mail.Property(m => m.State).HasMaxLength(16);
            mail.Property(m => m.LastError).HasMaxLength(MailNotification.MaxErrorLength);
            mail.Property(m => m.MessageId).HasMaxLength(200);
            mail.Property(m => m.RelaunchId).HasMaxLength(64);
            mail.Property(m => m.StructureId).HasMaxLength(64);
            mail.HasIndex(m => m.MessageId).IsUnique();
            // The sender's only query: queued mail that is due.
            mail.HasIndex(m => m.NextAttemptAt).HasFilter("state = 'QUEUED'").HasDatabaseName("ix_notifications_due");
            // The history, newest first, whole or for one recipient.
            mail.HasIndex(m => new { m.CreatedAt, m.Id }).IsDescending();
            mail.HasIndex(m => new { m.Recipient, m.CreatedAt, m.Id }).IsDescending(false, true, true);
            mail.HasIndex(m => m.RelaunchId).HasFilter("relaunch_id IS NOT NULL");
        });
        modelBuilder.Entity<Relaunch>(relaunch =>
        {
            relaunch.ToTable("relaunches");
            relaunch.HasKey(r => r.Id);
            relaunch.Property(r => r.StructureId).HasMaxLength(64);
            relaunch.Property(r => r.RequestId).HasMaxLength(128);
            relaunch.Property(r => r.RequestedBy).HasMaxLength(320);
            relaunch.Property(r => r.State).HasMaxLength(16);
            relaunch.Property(r => r.StructureName).HasMaxLength(300);
            relaunch.Property(r => r.LastError).HasMaxLength(1000);
            // History and "last relaunch", newest first.
            relaunch.HasIndex(r => new { r.StructureId, r.CreatedAt, r.Id }).IsDescending(false, true, true);
            relaunch.HasIndex(r => new { r.StructureId, r.RequestId }).IsUnique().HasFilter("request_id IS NOT NULL");
            // The "relaunch in progress" lock: a second STARTED row for the structure cannot be inserted.
            relaunch.HasIndex(r => r.StructureId).IsUnique().HasFilter("state = 'STARTED'").HasDatabaseName("ux_relaunches_in_progress");
        });
    }
}
