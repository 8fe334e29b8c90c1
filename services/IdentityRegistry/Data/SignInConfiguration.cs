using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Medimail.IdentityRegistry.Data;

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottleRecord>
{
    public void Configure(EntityTypeBuilder<SignInThrottleRecord> throttle)
    {
        throttle.ToTable("sign_in_throttles");
        throttle.HasKey(t => t.Key);
        throttle.Property(t => t.Key).HasMaxLength(300);
        throttle.HasIndex(t => t.LastFailureAt);
    }
}

internal sealed class ConnectorConfiguration : IEntityTypeConfiguration<ConnectorRecord>
{
    public void Configure(EntityTypeBuilder<ConnectorRecord> connector)
    {
        connector.ToTable("connectors");
        connector.HasKey(c => c.ClientId);
        connector.Property(c => c.ClientId).HasMaxLength(100);
        connector.Property(c => c.Name).HasMaxLength(100);
        connector.HasOne<StructureRecord>().WithMany().HasForeignKey(c => c.StructureId).OnDelete(DeleteBehavior.Restrict);
        connector.HasIndex(c => new { c.StructureId, c.CreatedAt });
        connector.HasIndex(c => c.RevokedAt).HasFilter("revoked_at IS NOT NULL");
    }
}

internal sealed class TotpFactorConfiguration : IEntityTypeConfiguration<TotpFactorRecord>
{
    public void Configure(EntityTypeBuilder<TotpFactorRecord> factor)
    {
        factor.ToTable("totp_factors");
        factor.HasKey(f => f.Email);
        factor.Property(f => f.Email).HasMaxLength(254);
        factor.Property(f => f.ProtectedSecret).HasMaxLength(1000);
        factor.HasOne<AccountRecord>().WithMany().HasForeignKey(f => f.Email).OnDelete(DeleteBehavior.Cascade);
    }
}
