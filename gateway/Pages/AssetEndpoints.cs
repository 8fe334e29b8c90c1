using System.Reflection;

namespace Medimail.Gateway.Pages;

/// <summary>
/// <c>GET /assets/{name}</c>: the stylesheet and the console's one small script, embedded in the gateway (no CDN, no
/// file system), served with a week of caching since they change only with a new gateway.
/// </summary>
internal static class AssetEndpoints
{
    private static readonly Dictionary<string, (byte[] Content, string Type)> Assets = Load();

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{name}", (HttpContext http, string name) =>
        {
            if (!Assets.TryGetValue(name, out var asset)) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=604800";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(asset.Content, asset.Type);
        }).AllowAnonymous().WithDisplayName("Page assets");

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["assets/".Length..];
            assets[name] = (copy.ToArray(), name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        }
        return assets;
    }
}
