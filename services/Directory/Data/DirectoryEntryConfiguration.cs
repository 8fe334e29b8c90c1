using Medimail.Directory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Medimail.Directory.Data;

public sealed class DirectoryEntryConfiguration : IEntityTypeConfiguration<DirectoryEntry>
{
    /// <summary>Byte order: sort keys compare the same whatever locale the database was created with.</summary>
    private const string Binary = "C";

    public void Configure(EntityTypeBuilder<DirectoryEntry> entry)
    {
        entry.ToTable("directory_entries");
        entry.HasKey(e => e.Email);
        entry.Property(e => e.Email).HasMaxLength(320).UseCollation(Binary);
        entry.Property(e => e.Type).HasMaxLength(3);
        entry.Property(e => e.State).HasMaxLength(32);
        entry.Property(e => e.StructureId).HasMaxLength(64);
        // Two events about one account may be applied at once: the second writer fails and is retried against the new row.
        entry.Property(e => e.Version).IsConcurrencyToken();
        // SetVisibility and an account event racing on one row: the flags must not be lost to the other writer.
        entry.Property(e => e.VisibilityVersion).IsConcurrencyToken();
        entry.Property(e => e.MssanteAddress).HasMaxLength(320);
        entry.Property(e => e.DepartmentCode).HasMaxLength(3);
        entry.Property(e => e.PostalCode).HasMaxLength(5);
        entry.Property(e => e.LastNameKey).UseCollation(Binary);
        entry.Property(e => e.FirstNameKey).UseCollation(Binary);
        entry.Property(e => e.SearchWords).UseCollation(Binary);

        // Word-prefix search: search_words LIKE '% mart%' is answered from this index (pg_trgm reads the space before
        // "mart" as a word start, so the index already narrows to words beginning with it).
        entry.HasIndex(e => e.SearchWords).HasMethod("gin").HasOperators("gin_trgm_ops")
            .HasDatabaseName("ix_directory_entries_search_words_trgm");
        // Browsing a directory in name order, page after page, walks one of these and stops after the page.
        // Named, because EF would otherwise merge two indexes on the same columns into one.
        entry.HasIndex(e => new { e.LastNameKey, e.FirstNameKey, e.Email }, "regional_by_name")
            .HasFilter("listed_regional").HasDatabaseName("ix_directory_entries_regional_by_name");
        entry.HasIndex(e => new { e.LastNameKey, e.FirstNameKey, e.Email }, "national_by_name")
            .HasFilter("listed_national").HasDatabaseName("ix_directory_entries_national_by_name");
        // Exact lookups and the most selective filters.
        entry.HasIndex(e => e.Rpps).HasFilter("rpps IS NOT NULL");
        entry.HasIndex(e => e.Adeli).HasFilter("adeli IS NOT NULL");
        entry.HasIndex(e => e.MssanteAddress).HasFilter("mssante_address IS NOT NULL");
        entry.HasIndex(e => e.PostalCode);
        entry.HasIndex(e => e.DepartmentCode);
        entry.HasIndex(e => e.CityKey);
        // A rebuild merges back the rows written while it streamed (RebuildProjection).
        entry.HasIndex(e => e.ProjectedAt);
    }
}
