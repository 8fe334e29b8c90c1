namespace Medimail.IdentityRegistry.Accounts;

/// <summary><c>Inactivity:NoticeAfter</c> (11 months = 334 days), <c>Inactivity:DisableAfter</c> (12 months = 365 days), <c>Inactivity:CheckInterval</c> (1 hour).</summary>
internal sealed class InactivityOptions
{
    public const string Section = "Inactivity";

    public TimeSpan NoticeAfter { get; set; } = TimeSpan.FromDays(334);
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(365);
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
