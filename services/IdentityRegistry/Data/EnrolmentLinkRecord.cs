namespace Medimail.IdentityRegistry.Data;

/// <summary>
/// One live enrolment link. Only the SHA-256 of the token is kept: a copy of the database cannot open anyone's
/// link. The row is deleted when the link is used or replaced, so "single use" and "older links die" need no flag.
/// </summary>
public sealed class EnrolmentLinkRecord
{
    public Guid Id { get; set; }
    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string TokenHash { get; set; } = "";
    public string Email { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Who asked for it: an administrator, an import, a relaunch.</summary>
    public string RequestedBy { get; set; } = "";
    public string? RelaunchId { get; set; }
}

/// <summary>Proof of consent: which version of the terms of use a person accepted, and when. Never deleted.</summary>
public sealed class TermsAcceptanceRecord
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string TermsVersion { get; set; } = "";
    public DateTimeOffset AcceptedAt { get; set; }
}
