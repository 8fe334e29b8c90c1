using Medimail.Directory.Domain;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.Data;

/// <summary>
/// The same entries, in the schema a rebuild fills (<see cref="RebuildSchema"/>): a table of the same name and shape,
/// so the swap is "move the table to the other schema" and every index keeps the name migrations know it by.
/// Never migrated: the rebuild creates the table from the live one.
/// </summary>
public sealed class ShadowDbContext(DbContextOptions<ShadowDbContext> options) : DbContext(options)
{
    public const string RebuildSchema = "directory_rebuild";

    public DbSet<DirectoryEntry> Entries => Set<DirectoryEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(RebuildSchema);
        modelBuilder.ApplyConfiguration(new DirectoryEntryConfiguration());
    }
}
