using System.Text.Json;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// REST bodies checked before JSON transcoding reads them, because transcoding answers every broken body with one
/// sentence ("Request JSON payload is not correctly formatted.") that names no field. Here: a body that is not JSON
/// by its Content-Type gets 415 naming <c>Content-Type</c>; JSON that does not parse, or a value of the wrong kind
/// for its proto field, gets 400 with a <c>google.rpc.BadRequest</c> naming the field's JSON path
/// (<c>account.independentPractice</c>), in the shape of every other transcoded error. Bodies over
/// <see cref="MaxCheckedBytes"/> (imports, messages with files) are left to transcoding: checking them would hold a
/// second copy. The body is buffered (it is within the route's size limit) and rewound for transcoding.
/// </summary>
public static class JsonBodyGuard
{
    public const int MaxCheckedBytes = 1024 * 1024;

    public static void UseJsonBodyGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { } transcoding
            && !string.IsNullOrEmpty(transcoding.HttpRule.Body) && HasBody(http.Request)
            && await RefusalAsync(http, transcoding) is { } refusal)
        {
            await WriteAsync(http.Response, refusal);
            return;
        }
        await next(http);
    });

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static async Task<Refusal?> RefusalAsync(HttpContext http, GrpcJsonTranscodingMetadata transcoding)
    {
        var request = http.Request;
        if (!IsJson(request.ContentType))
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                $"Le corps de la requête doit être du JSON (Content-Type: application/json), pas « {Excerpt(request.ContentType ?? "")} ».");
        if (request.ContentLength is not { } length || length > MaxCheckedBytes)
            return null;

        request.EnableBuffering(MaxCheckedBytes);
        var body = new byte[length];
        await request.Body.ReadExactlyAsync(body, http.RequestAborted);
        request.Body.Position = 0;

        var (root, prefix) = BodyMessage(transcoding);
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            return ProtoJsonShape.Check(document.RootElement, root, prefix) is { } violation
                ? new Refusal(StatusCodes.Status400BadRequest, violation.Field, violation.Description)
                : null;
        }
        catch (JsonException ex)
        {
            return new Refusal(StatusCodes.Status400BadRequest, ProtoJsonShape.PathOfSyntaxError(body, prefix),
                $"Le corps de la requête n'est pas un JSON valide (ligne {(ex.LineNumber ?? 0) + 1}, caractère {(ex.BytePositionInLine ?? 0) + 1}).");
        }
    }

    /// <summary>The message the body maps to: the whole request (<c>body: "*"</c>) or one of its fields.</summary>
    private static (MessageDescriptor Message, string Prefix) BodyMessage(GrpcJsonTranscodingMetadata transcoding)
    {
        var input = transcoding.MethodDescriptor.InputType;
        var field = transcoding.HttpRule.Body == "*" ? null : input.FindFieldByName(transcoding.HttpRule.Body);
        return field?.FieldType == FieldType.Message ? (field.MessageType, field.JsonName) : (input, "");
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private sealed record Refusal(int Status, string Field, string Description);

    /// <summary>The body every transcoded error has: google.rpc.Status as JSON, code 3, with one field violation.</summary>
    private static async Task WriteAsync(HttpResponse response, Refusal refusal)
    {
        response.StatusCode = refusal.Status;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["code"] = 3,
            ["message"] = refusal.Description,
            ["details"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                    ["fieldViolations"] = new[] { new { field = refusal.Field, description = refusal.Description } },
                },
            },
        });
    }
}
