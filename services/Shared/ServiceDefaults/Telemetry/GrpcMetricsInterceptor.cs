using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Medimail.ServiceDefaults.Telemetry;

/// <summary>
/// Counts and times every gRPC call by method and final status code (<c>rpc_server_duration_seconds</c>). The HTTP
/// metrics cannot say it: a gRPC error travels in trailers under HTTP 200. Runs outside the error mapping, so it sees
/// the code the client receives.
/// </summary>
public sealed class GrpcMetricsInterceptor : Interceptor
{
    public static readonly Meter Meter = new("Medimail.Grpc");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "rpc.server.duration", "s", "Duration of gRPC calls served, by method and status code.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try { return await continuation(request, context); }
        catch (Exception ex) { code = CodeOf(ex, context); throw; }
        finally { Record(context, started, code); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try { await continuation(request, responseStream, context); }
        catch (Exception ex) { code = CodeOf(ex, context); throw; }
        finally { Record(context, started, code); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try { return await continuation(requestStream, context); }
        catch (Exception ex) { code = CodeOf(ex, context); throw; }
        finally { Record(context, started, code); }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try { await continuation(requestStream, responseStream, context); }
        catch (Exception ex) { code = CodeOf(ex, context); throw; }
        finally { Record(context, started, code); }
    }

    // What the error mapping did not turn into an RpcException becomes INTERNAL (or CANCELLED) on the wire.
    private static StatusCode CodeOf(Exception ex, ServerCallContext context) => ex switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => StatusCode.Cancelled,
        _ => StatusCode.Internal,
    };

    private static void Record(ServerCallContext context, long started, StatusCode code)
    {
        // A handler may set the status on the context instead of throwing.
        if (code == StatusCode.OK && context.Status.StatusCode != StatusCode.OK)
            code = context.Status.StatusCode;
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("rpc.method", context.Method),
            new KeyValuePair<string, object?>("rpc.grpc.status_code", code.ToString()));
    }
}
