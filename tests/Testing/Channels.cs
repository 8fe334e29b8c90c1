using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;

namespace Medimail.Testing;

/// <summary>gRPC channels over HTTP/2 cleartext carrying a bearer token, like a connector's.</summary>
public static class Channels
{
    public static GrpcChannel Create(string address, string? token)
    {
        var options = new GrpcChannelOptions { UnsafeUseInsecureChannelCallCredentials = true };
        if (token is not null)
        {
            options.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure,
                CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("Authorization", $"Bearer {token}");
                    return Task.CompletedTask;
                }));
        }
        return GrpcChannel.ForAddress(address, options);
    }

    public static HttpClient Rest(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
