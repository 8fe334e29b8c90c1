using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Medimail.IdentityRegistry.Registrations;

/// <summary>One self-registration (seed 002) in the service centre's queue.</summary>
public sealed class RegistrationRecord
{
    public Guid Id { get; set; }
    /// <summary>PENDING, VALIDATED or REJECTED.</summary>
    public string State { get; set; } = RegistrationStates.Pending;
    public string BoxEmail { get; set; } = "";
    public Guid StructureId { get; set; }
    /// <summary>The structure was created for this registration: a rejection deletes it with the accounts.</summary>
    public bool CreatedStructure { get; set; }
    /// <summary>Accounts created with the box, PENDING_VALIDATION until the decision.</summary>
    public List<string> NewAccounts { get; set; } = [];
    /// <summary>Existing accounts attached to the box (proven by their password); they never change.</summary>
    public List<string> ExistingAccounts { get; set; } = [];
    public string? Reason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class RegistrationStates
{
    public const string Pending = "PENDING";
    public const string Validated = "VALIDATED";
    public const string Rejected = "REJECTED";
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<RegistrationRecord>
{
    public void Configure(EntityTypeBuilder<RegistrationRecord> registration)
    {
        registration.ToTable("registrations");
        registration.HasKey(r => r.Id);
        registration.Property(r => r.State).HasMaxLength(10);
        registration.Property(r => r.BoxEmail).HasMaxLength(254);
        registration.Property(r => r.Reason).HasMaxLength(1000);
        registration.Property(r => r.DecidedBy).HasMaxLength(254);
        // The queue: pending ones, oldest first.
        registration.HasIndex(r => new { r.State, r.CreatedAt });
    }
}
