using Google.Protobuf;
using Google.Rpc;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Medimail.ServiceDefaults.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class UnreadableMessageGuardTests
{
    private static readonly Marshaller<Google.Rpc.Status> Guarded = UnreadableMessageGuard.Guard(
        Marshallers.Create<Google.Rpc.Status>(m => m.ToByteArray(), Google.Rpc.Status.Parser.ParseFrom));

    [Fact]
    public void A_payload_that_does_not_parse_is_invalid_argument_naming_body()
    {
        // A tag of field 1 with wire type 7, which protobuf does not define.
        var refused = Assert.Throws<RpcException>(() => Guarded.ContextualDeserializer(new Payload([0x0F, 0x01])));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["body"], refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Contains("google.rpc.Status", refused.Status.Detail);
    }

    [Fact]
    public void A_readable_payload_is_the_message()
    {
        var message = new Google.Rpc.Status { Code = 5, Message = "Aucun compte." };
        Assert.Equal(message, Guarded.ContextualDeserializer(new Payload(message.ToByteArray())));
    }

    [Fact]
    public void Grpc_own_provider_is_replaced_and_per_service_options_do_not_bring_it_back()
    {
        var services = new ServiceCollection();
        services.AddGrpc();
        services.AddUnreadableMessageGuard();
        services.AddGrpcServiceOptions<UnreadableMessageGuardTests>(o => o.MaxReceiveMessageSize = 1024);

        var providers = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>))
            .Select(d => d.ImplementationType!.Name).ToList();
        Assert.DoesNotContain(providers, name => name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal));
        Assert.Contains(providers, name => name.StartsWith("GuardedServiceMethodProvider", StringComparison.Ordinal));
    }

    private sealed class Payload(byte[] bytes) : DeserializationContext
    {
        public override int PayloadLength => bytes.Length;
        public override byte[] PayloadAsNewBuffer() => (byte[])bytes.Clone();
    }
}
