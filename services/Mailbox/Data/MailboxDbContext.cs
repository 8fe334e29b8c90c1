using Medimail.Mailbox.Domain;
using Medimail.Mailbox.Messages;
using Medimail.Mailbox.Traces;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Data;

public sealed class MailboxDbContext(DbContextOptions<MailboxDbContext> options) : DbContext(options)
{
    public DbSet<MailboxProjection> Mailboxes => Set<MailboxProjection>();
    public DbSet<Delegation> Delegations => Set<Delegation>();
    public DbSet<StoredMessage> Messages => Set<StoredMessage>();
    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<MailboxEntry> MailboxEntries => Set<MailboxEntry>();
    public DbSet<TraceEntry> Traces => Set<TraceEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<MailboxProjection>(box =>
        {
            box.ToTable("mailboxes");
            box.HasKey(b => b.Address);
            box.Property(b => b.Address).HasMaxLength(320);
            box.Property(b => b.Type).HasMaxLength(8);
            box.Property(b => b.State).HasMaxLength(32);
            box.Property(b => b.DisplayName).HasMaxLength(500);
            box.Property(b => b.ReturnAddress).HasMaxLength(320);
            box.Property(b => b.MssanteAddress).HasMaxLength(320);
            box.Property(b => b.StructureId).HasMaxLength(64);
            box.HasIndex(b => b.StructureId);
            // Recipients are found by address or by MSSanté address.
            box.HasIndex(b => b.MssanteAddress);
        });
        modelBuilder.Entity<Delegation>(delegation =>
        {
            delegation.ToTable("delegations");
            delegation.HasKey(d => new { d.ConnectionAccount, d.BoxAddress });
            delegation.Property(d => d.ConnectionAccount).HasMaxLength(320);
            delegation.HasOne<MailboxProjection>().WithMany().HasForeignKey(d => d.BoxAddress).OnDelete(DeleteBehavior.Cascade);
            delegation.HasIndex(d => d.BoxAddress);
            // "Only one default per person" holds even if two requests race.
            delegation.HasIndex(d => d.ConnectionAccount).IsUnique().HasFilter("is_default")
                .HasDatabaseName("ux_delegations_one_default_per_person");
        });
        OnMessagesCreating(modelBuilder);
        OnTracesCreating(modelBuilder);
    }

    private static void OnMessagesCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredMessage>(message =>
        {
            message.ToTable("messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.FromAddress).HasMaxLength(320);
            message.Property(m => m.FromDisplayName).HasMaxLength(500);
            message.Property(m => m.ReplyTo).HasMaxLength(320);
            message.Property(m => m.Subject).HasMaxLength(998);
            message.Property(m => m.SentBy).HasMaxLength(320);
            message.Property(m => m.RequestKey).HasMaxLength(700);
            // Idempotency: one message per caller and request id, even when two identical requests race.
            message.HasIndex(m => m.RequestKey).IsUnique().HasFilter("request_key IS NOT NULL");
            message.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MessageAttachment>(attachment =>
        {
            attachment.ToTable("message_attachments");
            attachment.HasKey(a => new { a.MessageId, a.Position });
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(255);
            attachment.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
            attachment.HasOne<AttachmentContent>().WithMany().HasForeignKey(a => a.Sha256).OnDelete(DeleteBehavior.Restrict);
            attachment.HasIndex(a => a.Sha256);
        });
        modelBuilder.Entity<AttachmentContent>(content =>
        {
            content.ToTable("attachment_contents");
            content.HasKey(c => c.Sha256);
            content.Property(c => c.Sha256).HasMaxLength(64).IsFixedLength();
        });
        modelBuilder.Entity<MailboxEntry>(entry =>
        {
            entry.ToTable("mailbox_entries");
            entry.HasKey(e => new { e.BoxAddress, e.Folder, e.MessageId });
            entry.Property(e => e.BoxAddress).HasMaxLength(320);
            entry.Property(e => e.Folder).HasMaxLength(8);
            entry.HasOne<StoredMessage>().WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
            // A folder's pages, newest first.
            entry.HasIndex(e => new { e.BoxAddress, e.Folder, e.CreatedAt, e.MessageId }).IsDescending(false, false, true, true)
                .HasDatabaseName("ix_mailbox_entries_folder_page");
            entry.HasIndex(e => e.MessageId);
        });
    }

    private static void OnTracesCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TraceEntry>(trace =>
        {
            trace.ToTable("traces");
            trace.HasKey(t => t.Id);
            trace.Property(t => t.Id).UseIdentityAlwaysColumn();
            trace.Property(t => t.BoxAddress).HasMaxLength(320);
            trace.Property(t => t.Actor).HasMaxLength(320);
            trace.Property(t => t.ActorKind).HasMaxLength(16);
            trace.Property(t => t.Action).HasMaxLength(16);
            trace.Property(t => t.Outcome).HasMaxLength(16);
            trace.Property(t => t.Detail).HasMaxLength(1000);
            trace.Property(t => t.Channel).HasMaxLength(8);
            trace.HasIndex(t => new { t.BoxAddress, t.Time, t.Id }).IsDescending(false, true, true)
                .HasDatabaseName("ix_traces_box_page");
            // The retention purge walks the oldest first.
            trace.HasIndex(t => t.Time);
        });
    }
}
