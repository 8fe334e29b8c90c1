using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Data;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<StructureRecord> Structures => Set<StructureRecord>();
    public DbSet<AccountRecord> Accounts => Set<AccountRecord>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<Audit.AuditEntryRecord> AuditEntries => Set<Audit.AuditEntryRecord>();
    public DbSet<Registrations.RegistrationRecord> Registrations => Set<Registrations.RegistrationRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasPostgresExtension("pg_trgm");
        model.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
        model.AddMessagingTables();
        model.UseOpenIddict();
    }
}
