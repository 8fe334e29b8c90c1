namespace Medimail.Contracts;

// Integration events of Identity-Registry. MassTransit routes by namespace and type name: never copy these records.

/// <summary>An account was created (one at a time, by an administrator, a connector or a self-registration).</summary>
public sealed record AccountCreated(AccountSnapshot Account, string CreatedBy);

/// <summary>
/// An account's attributes changed (not its state). <paramref name="Account"/> is the full snapshot after the change;
/// <paramref name="ChangedFields"/> names what changed, as API field paths ("lastName", "connectionAccounts",
/// "address.city"); empty from a producer that predates it, so a consumer must not rely on it to apply the snapshot.
/// </summary>
public sealed record AccountUpdated(AccountSnapshot Account, string UpdatedBy, IReadOnlyList<string>? ChangedFields = null);

/// <summary>An account moved in its lifecycle (enrolled, validated, disabled, enabled, expired).</summary>
public sealed record AccountStateChanged(AccountSnapshot Account, string PreviousState, string ChangedBy);

/// <summary>A batch of accounts created by a bulk import: one event per few hundred rows, not one per row.</summary>
public sealed record AccountsImported(string ImportId, IReadOnlyList<AccountSnapshot> Accounts, string ImportedBy);

/// <summary>Someone asked that a pre-registered account receive a fresh enrolment link.</summary>
public sealed record EnrolmentInvitationRequested(
    string Email, string StructureId, string StructureName, string DisplayName,
    string EnrolmentUrl, DateTimeOffset ExpiresAt, string RequestedBy, string? RelaunchId);

/// <summary>Enrolment links for many accounts at once (a relaunch, an import with invitations): one event per few hundred.</summary>
public sealed record EnrolmentInvitationsRequested(
    string StructureId, string StructureName, string RequestedBy, string? RelaunchId,
    IReadOnlyList<EnrolmentInvitation> Invitations);

public sealed record EnrolmentInvitation(string Email, string DisplayName, string EnrolmentUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// A mail to one account holder about its account: <paramref name="Kind"/> is <c>INACTIVITY_NOTICE</c>,
/// <c>REGISTRATION_VALIDATED</c> or <c>REGISTRATION_REJECTED</c>. <paramref name="Values"/> fill the kind's template
/// (displayName, address, lastActivity, disableOn, boxAddress, reason); never a password or a link that grants access.
/// </summary>
public sealed record AccountNoticeRequested(string Kind, string Email, IReadOnlyDictionary<string, string> Values, string RequestedBy);

/// <summary>Liste rouge changed in the Directory, which owns the flags after creation; Identity-Registry keeps its copy in step.</summary>
public sealed record VisibilityChanged(string Email, bool UnlistedRegional, bool UnlistedNational, long Version, string ChangedBy);

/// <summary>A shared box received a message; its connection accounts that asked for it get a reception notice.</summary>
public sealed record SharedMailboxMessageReceived(string MailboxAddress, string MailboxDisplayName, IReadOnlyList<string> NotifyAddresses, DateTimeOffset ReceivedAt);
