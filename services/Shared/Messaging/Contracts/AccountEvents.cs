namespace Medimail.Contracts;

// Integration events of Identity-Registry. MassTransit routes by namespace and type name: never copy these records.

/// <summary>An account was created (one at a time, by an administrator, a connector or a self-registration).</summary>
public sealed record AccountCreated(AccountSnapshot Account, string CreatedBy);

/// <summary>An account's attributes changed (not its state).</summary>
public sealed record AccountUpdated(AccountSnapshot Account, string UpdatedBy);

/// <summary>An account moved in its lifecycle (enrolled, validated, disabled, enabled, expired).</summary>
public sealed record AccountStateChanged(AccountSnapshot Account, string PreviousState, string ChangedBy);

/// <summary>A batch of accounts created by a bulk import: one event per few hundred rows, not one per row.</summary>
public sealed record AccountsImported(string ImportId, IReadOnlyList<AccountSnapshot> Accounts, string ImportedBy);

/// <summary>Someone asked that a pre-registered account receive a fresh enrolment link.</summary>
public sealed record EnrolmentInvitationRequested(
    string Email, string StructureId, string StructureName, string DisplayName,
    string EnrolmentUrl, DateTimeOffset ExpiresAt, string RequestedBy, string? RelaunchId);
