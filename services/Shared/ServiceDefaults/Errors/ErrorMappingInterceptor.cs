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
    /// JSON transcoding answers FAILED_PRECONDITION with 400; API.md wants 412 for a stale etag. The transcoder sets its
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
        ValidationFailedException v => new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = v.Message,
            Details = { Any.Pack(ToBadRequest(v.Violations)) },
        },
        NotFoundException => new Google.Rpc.Status { Code = (int)Code.NotFound, Message = ex.Message },
        AlreadyExistsException a => WithOptionalField(Code.AlreadyExists, a.Message, a.Field),
        PermissionDeniedException => new Google.Rpc.Status { Code = (int)Code.PermissionDenied, Message = ex.Message },
        FailedPreconditionException => new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = ex.Message },
        _ => new Google.Rpc.Status { Code = (int)Code.Internal, Message = ex.Message },
    };

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
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return badRequest;
    }
}
