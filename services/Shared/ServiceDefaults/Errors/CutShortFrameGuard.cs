using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// A unary gRPC request whose 5-byte prefix announces more bytes than the request carries (or whose prefix itself is
/// cut) never reaches the parser that <see cref="UnreadableMessageGuard"/> wraps: grpc-dotnet's reader sees the body
/// end mid-frame and answers INTERNAL "Incomplete message.", naming nothing. Each unary method is bound with the
/// <see cref="Unary"/> marker (<see cref="GuardedServiceMethodProvider{TService}"/>); for those calls the request body
/// is read through <see cref="CutShortFrameReader"/>, which looks at the frame only once the body has ended and
/// refuses a frame cut short as INVALID_ARGUMENT naming <c>body</c>, like any other unreadable message. Nothing is
/// copied or held: a complete frame reaches grpc-dotnet as it came. Streaming calls keep grpc-dotnet's answer.
/// </summary>
public static class CutShortFrameGuard
{
    /// <summary>Endpoint metadata of a unary gRPC method.</summary>
    /// <param name="MaxReceiveMessageSize">
    /// The method's message limit: a prefix over it stays grpc-dotnet's RESOURCE_EXHAUSTED, whether or not the data
    /// ends short of it, so that the answer does not depend on how the body was split into reads.
    /// </param>
    public sealed record Unary(int? MaxReceiveMessageSize);

    /// <summary>After routing (the endpoint is known), before the endpoint runs.</summary>
    public static void UseCutShortFrameGuard(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<Unary>() is { } unary
            && http.Features.Get<IRequestBodyPipeFeature>() is { } body)
            http.Features.Set<IRequestBodyPipeFeature>(new GuardedBody(new CutShortFrameReader(body.Reader, unary.MaxReceiveMessageSize)));
        return next(http);
    });

    private sealed class GuardedBody(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }
}
