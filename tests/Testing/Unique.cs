namespace Medimail.Testing;

/// <summary>Values unique to one test run, so tests share the platform without seeing each other's data.</summary>
public static class Unique
{
    public static string Suffix() => Guid.NewGuid().ToString("N")[..10];
    public static string Email(string localPrefix, string domain = "test.medimail.fr") => $"{localPrefix}.{Suffix()}@{domain}";
}
