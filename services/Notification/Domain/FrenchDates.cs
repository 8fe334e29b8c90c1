using System.Globalization;

namespace Medimail.Notification.Domain;

public static class FrenchDates
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly TimeZoneInfo? Paris = FindParis();

    /// <summary>"31/01/2027 à 14:23", Paris time, as the admin console shows dates; UTC said so when the zone is unknown.</summary>
    public static string DateAndTime(DateTimeOffset instant) => Paris is null
        ? instant.UtcDateTime.ToString("dd/MM/yyyy 'à' HH:mm 'UTC'", French)
        : TimeZoneInfo.ConvertTime(instant, Paris).ToString("dd/MM/yyyy 'à' HH:mm", French);

    private static TimeZoneInfo? FindParis()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }
}
