using Medimail.Gateway.RateLimiting;
using Scalar.AspNetCore;

namespace Medimail.Gateway.OpenApi;

/// <summary>
/// <c>GET /openapi/v1.json</c>, the merged document, and <c>GET /docs</c>, a readable reference of it (Scalar, whose
/// script the package embeds and the gateway serves: the page loads nothing from elsewhere, fonts included).
/// </summary>
internal static class OpenApiEndpoints
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Anonymous);
        group.MapGet(DocumentPath, async (MergedOpenApi document, CancellationToken cancellationToken) =>
            Results.Text(await document.GetAsync(cancellationToken), "application/json")).WithDisplayName("OpenAPI document");
        group.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Medimail API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts());
    }
}
