using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Medimail.Testing;
using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests;

/// <summary>
/// Every RPC the gateway routes on its gRPC port answers something other than UNIMPLEMENTED: the routes are read
/// from the gateway's own appsettings.json, the methods from the protos, and each method is called through the
/// gateway with an operator token and an empty request (a validation error is an answer; UNIMPLEMENTED is not).
/// </summary>
public sealed class GatewayRouteTests(ITestOutputHelper output)
{
    public static TheoryData<string> RoutedMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in RoutedMethodNames())
            data.Add(method);
        return data;
    }

    [Fact]
    public void The_gateway_routes_methods_of_every_public_package()
    {
        var methods = RoutedMethodNames();
        foreach (var package in new[] { "identity", "mailbox", "directory", "notification" })
            Assert.Contains(methods, m => m.StartsWith($"/medimail.{package}.v1.", StringComparison.Ordinal));
        Assert.DoesNotContain(methods, m => m.Contains(".internal.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RoutedMethods))]
    public async Task A_routed_rpc_is_implemented(string path)
    {
        var method = Methods()[path];
        var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var invoker = channel.CreateCallInvoker();
        var rpc = new Method<byte[], byte[]>(method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            method.Service.FullName, method.Name, Raw, Raw);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60));

        var status = StatusCode.OK;
        try
        {
            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(rpc, null, options, []);
                await call.ResponseStream.MoveNext();
            }
            else
            {
                await invoker.AsyncUnaryCall(rpc, null, options, []);
            }
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            output.WriteLine($"{path}: {ex.StatusCode} {ex.Status.Detail}");
        }

        Assert.True(status != StatusCode.Unimplemented, $"{path} answers UNIMPLEMENTED through the gateway");
    }

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    /// <summary>Every method of the public protos, by gRPC path.</summary>
    private static Dictionary<string, MethodDescriptor> Methods() =>
        typeof(Identity.V1.Account).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)
            .ToDictionary(m => $"/{m.Service.FullName}/{m.Name}");

    /// <summary>The methods whose path one of the gateway's gRPC routes matches.</summary>
    private static List<string> RoutedMethodNames()
    {
        var patterns = GrpcRoutePaths().Select(PathPattern).ToList();
        return Methods().Keys.Where(path => patterns.Any(p => p.IsMatch(path))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The Match:Path of every route of gateway/appsettings.json served on the gRPC listener.</summary>
    private static List<string> GrpcRoutePaths()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(GatewaySettings()),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var routes = json.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Where(r => r.Value.TryGetProperty("Metadata", out var metadata)
                && metadata.TryGetProperty("Listener", out var listener) && listener.GetString() == "Grpc")
            .Select(r => r.Value.GetProperty("Match").GetProperty("Path").GetString()!)
            .ToList();
        Assert.NotEmpty(routes);
        return routes;
    }

    /// <summary>"/medimail.identity.v1.{service}/{method}" → a regex where each {parameter} is one path segment.</summary>
    private static Regex PathPattern(string routePath) =>
        new("^" + Regex.Replace(Regex.Escape(routePath), @"\\\{[^}]+}", "[^/]+") + "$");

    private static string GatewaySettings()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "gateway", "appsettings.json");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("gateway/appsettings.json not found above " + AppContext.BaseDirectory);
    }
}
