using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// A gRPC request frame that is not a readable protobuf message for its method (random bytes, a message cut short, a
/// tag with an invalid wire type) makes the generated parser throw while grpc-dotnet reads the request, before any
/// interceptor runs: grpc-dotnet would answer UNKNOWN "Exception was thrown by handler.". Every method is bound here
/// with its request marshaller wrapped, so that parse failure becomes INVALID_ARGUMENT naming the field <c>body</c>, in
/// the shape <see cref="ErrorMappingInterceptor"/> gives every field violation (grpc-dotnet keeps the status and the
/// trailers of an RpcException thrown while it reads). Nothing has run, so nothing is written.
/// A unary frame cut short (a declared length longer than the data sent) is refused the same way by
/// <see cref="CutShortFrameGuard"/>; the other framing errors found by grpc-dotnet's own reader before the parser (a
/// second message in a unary call, an over-limit length, a cut frame in a streaming call) keep grpc-dotnet's status.
/// </summary>
public static class UnreadableMessageGuard
{
    public const string Field = "body";

    /// <summary>
    /// grpc-dotnet's own provider binds each method with its original marshaller: it is replaced (both would map the
    /// same routes). A later <c>AddGrpc()</c> adds it back, hence <see cref="AddGrpcServiceOptions{TService}"/>.
    /// </summary>
    public static IServiceCollection AddUnreadableMessageGuard(this IServiceCollection services)
    {
        foreach (var unguarded in services.Where(IsDefaultBinder).ToList())
            services.Remove(unguarded);
        services.TryAddEnumerable(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>)));
        return services;
    }

    /// <summary>
    /// Per-service gRPC options (a larger message limit) without calling <c>AddGrpc()</c> again, which would register
    /// grpc-dotnet's unguarded method provider once more.
    /// </summary>
    public static IServiceCollection AddGrpcServiceOptions<TService>(this IServiceCollection services,
        Action<GrpcServiceOptions<TService>> configure) where TService : class
    {
        new RegisteredGrpcServer(services).AddServiceOptions(configure);
        return services;
    }

    private static bool IsDefaultBinder(Microsoft.Extensions.DependencyInjection.ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IServiceMethodProvider<>) && descriptor.ImplementationType == DefaultBinderProvider;

    /// <summary>grpc-dotnet's provider that binds a service through its generated <c>BindService</c> method.</summary>
    internal static readonly Type DefaultBinderProvider =
        typeof(IServiceMethodProvider<>).Assembly.GetType("Grpc.AspNetCore.Server.Model.Internal.BinderServiceMethodProvider`1")
        ?? throw new InvalidOperationException("grpc-dotnet no longer has BinderServiceMethodProvider: UnreadableMessageGuard must be revisited.");

    /// <summary>The request marshaller of one method, whose parse failure becomes INVALID_ARGUMENT on <c>body</c>.</summary>
    public static Marshaller<T> Guard<T>(Marshaller<T> marshaller)
    {
        var description = Describe(typeof(T));
        return new Marshaller<T>(marshaller.ContextualSerializer, context =>
        {
            try { return marshaller.ContextualDeserializer(context); }
            catch (InvalidProtocolBufferException) { throw Refusal(description); }
        });
    }

    public static RpcException Refusal(string description) =>
        ErrorMappingInterceptor.ToStatus(new ValidationFailedException(Field, description)).ToRpcException();

    private static string Describe(Type message)
    {
        var name = message.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is MessageDescriptor descriptor
            ? descriptor.FullName : message.Name;
        return $"Le message reçu n'est pas un {name} lisible (protobuf tronqué, illisible ou d'un autre type) : rien n'a été fait.";
    }

    private sealed class RegisteredGrpcServer(IServiceCollection services) : IGrpcServerBuilder
    {
        public IServiceCollection Services => services;
    }
}
