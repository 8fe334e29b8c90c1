using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Medimail.IdentityRegistry.Data;

internal sealed class StructureConfiguration : IEntityTypeConfiguration<StructureRecord>
{
    public void Configure(EntityTypeBuilder<StructureRecord> structure)
    {
        structure.ToTable("structures");
        structure.HasKey(s => s.Id);
        structure.Property(s => s.Name).HasMaxLength(200);
        structure.Property(s => s.IdentifierType).HasMaxLength(10);
        structure.Property(s => s.Identifier).HasMaxLength(14);
        structure.Property(s => s.NationalId).HasMaxLength(15);
        structure.HasIndex(s => s.NationalId).IsUnique();
        structure.Property(s => s.MssanteDomain).HasMaxLength(200);
        structure.Property(s => s.Version).IsConcurrencyToken();
    }
}
