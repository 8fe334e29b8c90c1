using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Medimail.IdentityRegistry.Data;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<AccountRecord>
{
    public void Configure(EntityTypeBuilder<AccountRecord> account)
    {
        account.ToTable("accounts");
        account.HasKey(a => a.Email);
        account.Property(a => a.Email).HasMaxLength(254);
        account.Property(a => a.Type).HasMaxLength(3);
        account.Property(a => a.State).HasMaxLength(20);
        account.Property(a => a.StateBeforeDisable).HasMaxLength(20);
        account.HasOne<StructureRecord>().WithMany().HasForeignKey(a => a.StructureId).OnDelete(DeleteBehavior.Restrict);
        account.ComplexProperty(a => a.Address);
        account.ComplexProperty(a => a.Responsible);
        account.Property(a => a.Version).IsConcurrencyToken();

        // Admin search: by structure, then filters; names by word prefix through trigrams; identifiers exactly or by prefix.
        account.HasIndex(a => new { a.StructureId, a.Email });
        account.HasIndex(a => a.SearchWords).HasMethod("gin").HasOperators("gin_trgm_ops");
        account.HasIndex(a => a.Rpps);
        account.HasIndex(a => a.Adeli);
        // An MSSanté address is unique on the platform: checked on every create and update (not a unique index; see AccountFactory).
        account.HasIndex(a => a.MssanteAddress);
    }
}

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> key)
    {
        key.ToTable("idempotency_keys");
        key.HasKey(k => k.RequestId);
        key.Property(k => k.Operation).HasMaxLength(50);
        key.Property(k => k.ResourceId).HasMaxLength(254);
        key.Property(k => k.Caller).HasMaxLength(200);
        key.Property(k => k.Scope).HasMaxLength(64);
        key.Property(k => k.Fingerprint).HasMaxLength(64);
    }
}
