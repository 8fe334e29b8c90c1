using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// Binds a gRPC service the way grpc-dotnet's own provider does (the generated <c>BindService</c> method names each
/// method; the service's overriding method handles it, with its attributes as endpoint metadata, so [Authorize] and
/// friends still apply), except that each method's request marshaller is <see cref="UnreadableMessageGuard.Guard{T}"/>.
/// </summary>
internal sealed class GuardedServiceMethodProvider<TService>(IServiceProvider services) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        // AddGrpc() after AddServiceDefaults registers grpc-dotnet's provider again: both would map every route.
        if (services.GetServices<IServiceMethodProvider<TService>>().Any(p =>
                p.GetType().IsGenericType && p.GetType().GetGenericTypeDefinition() == UnreadableMessageGuard.DefaultBinderProvider))
            throw new InvalidOperationException(
                $"AddGrpc() was called after AddServiceDefaults: use AddGrpcServiceOptions<{typeof(TService).Name}> so that unreadable messages stay refused as INVALID_ARGUMENT.");

        if (FindBindMethod() is not { } bind)
            return;
        try { bind.Method.Invoke(null, [new Binder(context, bind.ServiceBase, new CutShortFrameGuard.Unary(MaxReceiveMessageSize())), null]); }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException($"Error binding gRPC service '{typeof(TService).Name}'.", ex.InnerException);
        }
    }

    /// <summary>The limit grpc-dotnet applies to this service's requests: the service's own if set, else the global one.</summary>
    private int? MaxReceiveMessageSize()
    {
        var own = services.GetRequiredService<IOptions<GrpcServiceOptions<TService>>>().Value;
        var global = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        return own.MaxReceiveMessageSizeSpecified ? own.MaxReceiveMessageSize
            : global.MaxReceiveMessageSizeSpecified ? global.MaxReceiveMessageSize : DefaultMaxReceiveMessageSize;
    }

    /// <summary>grpc-dotnet's default when nothing is configured.</summary>
    private const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>The generated base class carries [BindServiceMethod] naming its static BindService(ServiceBinderBase, base).</summary>
    private static (MethodInfo Method, Type ServiceBase)? FindBindMethod()
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } bind)
                continue;
            var method = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
                [typeof(ServiceBinderBase), type]);
            return method is null ? null : (method, type);
        }
        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type serviceBase, CutShortFrameGuard.Unary unary)
        : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            // Its request body is read through CutShortFrameReader (UseServiceDefaults).
            metadata.Add(unary);
            context.AddUnaryMethod(Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Guarded(method), metadata, invoker);
        }

        private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class =>
            new(method.Type, method.ServiceName, method.Name, UnreadableMessageGuard.Guard(method.RequestMarshaller), method.ResponseMarshaller);

        /// <summary>
        /// The service's implementation of the generated virtual method (the base one when not overridden: it answers
        /// UNIMPLEMENTED), and the endpoint metadata: the class's attributes, then the method's, which take precedence.
        /// </summary>
        private (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var implementation = typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .SingleOrDefault(m => m.Name == name && m.GetBaseDefinition().DeclaringType == serviceBase
                    && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters))
                ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(implementation.GetCustomAttributes(inherit: true));
            // As grpc-dotnet: POST only, and a CORS preflight may reach the endpoint.
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), implementation), metadata);
        }
    }
}
