using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Medimail.IdentityRegistry.Audit;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntryRecord>
{
    public void Configure(EntityTypeBuilder<AuditEntryRecord> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.Actor).HasMaxLength(254);
        entry.Property(e => e.ActorRole).HasMaxLength(20);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.Target).HasMaxLength(254);
        entry.Property(e => e.Before).HasColumnType("jsonb");
        entry.Property(e => e.After).HasColumnType("jsonb");
        entry.Property(e => e.Outcome).HasMaxLength(10);
        entry.Property(e => e.Detail).HasMaxLength(2000);
        entry.Property(e => e.CorrelationId).HasMaxLength(64);

        // The whole history of one account is one index range; a structure's log and the purge by time likewise.
        entry.HasIndex(e => new { e.Target, e.Id });
        entry.HasIndex(e => new { e.StructureId, e.Id });
        entry.HasIndex(e => new { e.Actor, e.Id });
        entry.HasIndex(e => e.Time);
    }
}
