using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Medimail.IdentityRegistry.Data;

internal sealed class EnrolmentLinkConfiguration : IEntityTypeConfiguration<EnrolmentLinkRecord>
{
    public void Configure(EntityTypeBuilder<EnrolmentLinkRecord> link)
    {
        link.ToTable("enrolment_links");
        link.HasKey(l => l.Id);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.Property(l => l.Email).HasMaxLength(254);
        link.Property(l => l.RequestedBy).HasMaxLength(254);
        link.Property(l => l.RelaunchId).HasMaxLength(64);
        link.HasIndex(l => l.TokenHash).IsUnique();
        // Finds the older links to delete when a new one is issued (not unique: the delete and the insert share one SaveChanges).
        link.HasIndex(l => l.Email);
        link.HasOne<AccountRecord>().WithMany().HasForeignKey(l => l.Email).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TermsAcceptanceConfiguration : IEntityTypeConfiguration<TermsAcceptanceRecord>
{
    public void Configure(EntityTypeBuilder<TermsAcceptanceRecord> acceptance)
    {
        acceptance.ToTable("terms_acceptances");
        acceptance.HasKey(a => a.Id);
        acceptance.Property(a => a.Email).HasMaxLength(254);
        acceptance.Property(a => a.TermsVersion).HasMaxLength(50);
        acceptance.HasIndex(a => a.Email);
        acceptance.HasOne<AccountRecord>().WithMany().HasForeignKey(a => a.Email).OnDelete(DeleteBehavior.Restrict);
    }
}
