namespace Medimail.Gateway.Routing;

/// <summary>
/// Routes and cluster policies live in appsettings (<c>ReverseProxy</c>). Each cluster's destination comes from the
/// same <c>Services:{Name}:Grpc</c> setting the services themselves use, so moving a service is one variable.
/// </summary>
public static class ProxyConfiguration
{
    public const string Section = "ReverseProxy";
    public const string Anonymous = "Anonymous";

    /// <summary>The configuration keys that give each cluster its one destination.</summary>
    public static IReadOnlyDictionary<string, string?> Destinations(IEnumerable<BackendAddress> backends) =>
        backends.ToDictionary(
            b => $"{Section}:Clusters:{b.Backend.ClusterId}:Destinations:{b.Backend.ClusterId}:Address",
            b => (string?)b.Grpc.ToString());

    /// <summary>
    /// What YARP does not check itself: every cluster is a known backend, and every route says on which port it
    /// answers, whether it is anonymous and which rate limit applies (an omission would silently mean "fallback").
    /// </summary>
    public static void Validate(IConfigurationSection proxy)
    {
        var known = Backend.All.Select(b => b.ClusterId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var clusters = proxy.GetSection("Clusters").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (clusters.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
            throw Invalid($"cluster '{unknown}' is not a known backend ({string.Join(", ", known)})");
        if (known.FirstOrDefault(k => !clusters.Contains(k)) is { } missing)
            throw Invalid($"backend '{missing}' has no cluster");

        var routes = proxy.GetSection("Routes").GetChildren().ToList();
        if (routes.Count == 0)
            throw Invalid("there are no routes (appsettings.json is read from the content root: the current directory unless --contentRoot says otherwise)");
        foreach (var route in routes)
        {
            if (!clusters.Contains(route["ClusterId"] ?? ""))
                throw Invalid($"route '{route.Key}' names no known cluster");
            if (!Listeners.IsKnown(route[$"Metadata:{Listeners.MetadataKey}"]))
                throw Invalid($"route '{route.Key}' needs Metadata:{Listeners.MetadataKey} = {Listeners.Http} or {Listeners.Grpc}");
            if (string.IsNullOrWhiteSpace(route["AuthorizationPolicy"]))
                throw Invalid($"route '{route.Key}' needs an AuthorizationPolicy ('api' or '{Anonymous}')");
            if (string.IsNullOrWhiteSpace(route["RateLimiterPolicy"]))
                throw Invalid($"route '{route.Key}' needs a RateLimiterPolicy");
        }
    }

    private static InvalidOperationException Invalid(string problem) =>
        new($"Invalid '{Section}' configuration: {problem}.");
}
