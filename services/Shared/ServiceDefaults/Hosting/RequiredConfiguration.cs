using Microsoft.Extensions.Configuration;

namespace Medimail.ServiceDefaults.Hosting;

/// <summary>Reads settings that have no sensible default, so a misconfigured pod dies at start-up, not at first use.</summary>
public static class RequiredConfiguration
{
    public static string GetRequired(this IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            throw new InvalidOperationException(
                $"Missing required setting '{key}' (environment variable {variable}).");
        }
        return value;
    }

    public static string GetRequiredConnectionString(this IConfiguration configuration, string name = "Database") =>
        configuration.GetRequired($"ConnectionStrings:{name}");
}
