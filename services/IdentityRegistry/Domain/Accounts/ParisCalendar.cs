namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// "Today" for expiry dates is the administrators' day, in France: a server clock in UTC would
/// accept or disable accounts an hour or two early.
/// </summary>
public static class ParisCalendar
{
    private static readonly TimeZoneInfo Paris = Find();

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris).DateTime);

    /// <summary>The day in France of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    private static TimeZoneInfo Find()
    {
        // Without tzdata (a trimmed container) fall back to UTC rather than fail at start-up.
        return TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Paris", out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
