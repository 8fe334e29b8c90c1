using Medimail.Directory.Domain;
using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.Data;

public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public DbSet<DirectoryEntry> Entries => Set<DirectoryEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram index behind the word-prefix search (see DirectoryEntryConfiguration); a trusted extension, so the
        // database owner may create it, and IF NOT EXISTS tolerates the scripts having created it as superuser.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfiguration(new DirectoryEntryConfiguration());
        modelBuilder.AddMessagingTables();
    }
}
