using Grpc.Core;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// A gRPC call whose message is any bytes, as a broken or hostile client would frame them: the generated clients can
/// only send well-formed messages, so the method is declared here with marshallers that pass bytes through.
/// </summary>
internal static class RawGrpc
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static async Task<RpcException> RefusalAsync(string address, string token, string service, string method, byte[] payload)
    {
        using var channel = Channels.Create(address, token);
        var call = new Method<byte[], byte[]>(MethodType.Unary, service, method, Bytes, Bytes);
        return await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(), payload).ResponseAsync);
    }
}
