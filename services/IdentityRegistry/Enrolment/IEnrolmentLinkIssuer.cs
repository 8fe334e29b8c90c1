using Medimail.IdentityRegistry.Data;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>
/// Issues fresh enrolment links (older links of the same accounts die) and stages the invitation events in the
/// caller's DbContext: nothing is saved here, so links and events commit with the caller's own change
/// (an account creation, an import batch, a relaunch).
/// </summary>
internal interface IEnrolmentLinkIssuer
{
    /// <returns>How many invitations were staged (pre-registered accounts only; others are skipped).</returns>
    Task<int> StageInvitationsAsync(
        IReadOnlyList<AccountRecord> accounts, StructureRecord structure, string requestedBy, string? relaunchId,
        CancellationToken cancellationToken);
}
