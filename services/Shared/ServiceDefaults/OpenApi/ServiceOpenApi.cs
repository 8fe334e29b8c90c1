using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;

namespace Medimail.ServiceDefaults.OpenApi;

/// <summary>
/// Each service describes its own REST API: <c>GET /openapi/v1.json</c>, an OpenAPI 3 document generated from the
/// <c>google.api.http</c> annotations of the gRPC services it maps (gRPC JSON transcoding), with the comments of the
/// protos as descriptions. The gateway merges the four documents into the public one (docs/api.md).
/// </summary>
public static class ServiceOpenApi
{
    public const string DocumentName = "v1";
    public const string Route = "/openapi/v1.json";

    /// <summary>The XML docs the protos project writes next to its assembly (GenerateDocumentationFile).</summary>
    private const string ProtoComments = "Medimail.Protos.xml";

    public static WebApplicationBuilder AddServiceOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo { Title = builder.Environment.ApplicationName, Version = DocumentName });
            // Nested enums share short names (Account.State, ImportJob.State): name each schema by its proto path.
            options.CustomSchemaIds(SchemaId);
            var comments = Path.Combine(AppContext.BaseDirectory, ProtoComments);
            if (File.Exists(comments))
            {
                options.IncludeXmlComments(comments);
                options.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
        });
        return builder;
    }

    /// <summary><c>Medimail.Identity.V1.Account+Types+State</c> → <c>Medimail.Identity.V1.Account.State</c>: unique, and
    /// the same in every service for the messages they share.</summary>
    public static string SchemaId(Type type) =>
        type.FullName is { } name && !type.IsGenericType
            ? name.Replace("+Types+", ".", StringComparison.Ordinal).Replace('+', '.')
            : type.Name;

    public static WebApplication MapServiceOpenApi(this WebApplication app)
    {
        // Anonymous: a description of the API, not data; a service's ports are reached from inside the platform only.
        app.MapSwagger("openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
