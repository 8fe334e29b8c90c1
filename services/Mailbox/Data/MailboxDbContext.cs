using Medimail.Mailbox.Domain;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Data;

public sealed class MailboxDbContext(DbContextOptions<MailboxDbContext> options) : DbContext(options)
{
    public DbSet<MailboxProjection> Mailboxes => Set<MailboxProjection>();
    public DbSet<Delegation> Delegations => Set<Delegation>();

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
    }
}
