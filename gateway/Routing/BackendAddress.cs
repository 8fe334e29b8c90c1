using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Gateway.Routing;

/// <summary>Where one backend listens, read from <c>Services:{Name}:Grpc|Http</c>; a missing or malformed one stops start-up.</summary>
public sealed record BackendAddress(Backend Backend, Uri Grpc, Uri Http)
{
    public Uri Health => new(Http.ToString().TrimEnd('/') + "/health");

    public static IReadOnlyList<BackendAddress> ReadAll(IConfiguration configuration) =>
        Backend.All
            .Select(b => new BackendAddress(b, ReadUri(configuration, b.GrpcSetting), ReadUri(configuration, b.HttpSetting)))
            .ToList();

    private static Uri ReadUri(IConfiguration configuration, string key)
    {
        var value = configuration.GetRequired(key);
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        throw new InvalidOperationException(
            $"Setting '{key}' (environment variable {variable}) must be an absolute http:// address, not '{value}'.");
    }
}
