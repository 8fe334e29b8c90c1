using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// Turns domain errors into precise status codes; validation failures carry <c>google.rpc.BadRequest</c>
/// field violations. RpcExceptions pass untouched; anything else is logged and becomes INTERNAL without its text.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (Exception ex) when (ex is not RpcException) { throw Map(ex, context); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception ex) when (ex is not RpcException) { throw Map(ex, context); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception ex) when (ex is not RpcException) { throw Map(ex, context); }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        if (ex is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
            return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "La requête a été annulée."));
        if (ex is FailedPreconditionException { StaleEtag: true })
            AnswerPreconditionFailedOverRest(context);
        if (ex is DomainException domain)
            return ToStatus(domain).ToRpcException();

        logger.LogError(ex, "Unhandled error in {Method}", context.Method);
        return new Google.Rpc.Status { Code = (int)Code.Internal, Message = "Erreur interne. Réessayez plus tard." }.ToRpcException();
    }

    /// <summary>
    /// JSON transcoding answers FAILED_PRECONDITION with 400; docs/api.md wants 412 for a stale etag. The transcoder sets its
    /// status before writing the error body, so a callback run when the response starts can still replace it. gRPC
    /// callers keep the gRPC status (their HTTP status is always 200).
    /// </summary>
    private static void AnswerPreconditionFailedOverRest(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
            return;
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status412PreconditionFailed;
            return Task.CompletedTask;
        });
    }

    public static Google.Rpc.Status ToStatus(DomainException ex) => ex switch
    {
        ValidationFailedException v => InvalidArgument(v),
        NotFoundException => new Google.Rpc.Status { Code = (int)Code.NotFound, Message = ex.Message },
        AlreadyExistsException a => WithOptionalField(Code.AlreadyExists, a.Message, a.Field),
        PermissionDeniedException => new Google.Rpc.Status { Code = (int)Code.PermissionDenied, Message = ex.Message },
        FailedPreconditionException => new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = ex.Message },
        _ => new Google.Rpc.Status { Code = (int)Code.Internal, Message = ex.Message },
    };

    /// <summary>
    /// The details travel in the grpc-status-details-bin trailer, which proxies cap (YARP and Kestrel: 64 KB of
    /// headers): the first <see cref="MaxViolations"/> violations, each description cut to
    /// <see cref="MaxDescriptionChars"/>, and an ErrorInfo counting the ones left out.
    /// </summary>
    private static Google.Rpc.Status InvalidArgument(ValidationFailedException v)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = Cut(v.Message, MaxDescriptionChars),
            Details = { Any.Pack(ToBadRequest(v.Violations.Take(MaxViolations))) },
        };
        if (v.Violations.Count > MaxViolations)
        {
            var omitted = v.Violations.Count - MaxViolations;
            status.Message = Cut($"{v.Violations.Count} champs invalides : les {MaxViolations} premiers sont détaillés, {omitted} autres ne le sont pas.", MaxDescriptionChars);
            status.Details.Add(Any.Pack(new ErrorInfo
            {
                Reason = "FIELD_VIOLATIONS_TRUNCATED",
                Domain = "medimail",
                Metadata = { ["totalViolations"] = v.Violations.Count.ToString(), ["omittedViolations"] = omitted.ToString() },
            }));
        }
        return status;
    }

    public const int MaxViolations = 100;
    public const int MaxDescriptionChars = 500;

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static Google.Rpc.Status WithOptionalField(Code code, string message, string? field)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (field is not null)
            status.Details.Add(Any.Pack(ToBadRequest([new FieldViolation(field, message)])));
        return status;
    }

    private static BadRequest ToBadRequest(IEnumerable<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = Cut(v.Field, 200), Description = Cut(v.Description, MaxDescriptionChars) }));
        return badRequest;
    }
}
