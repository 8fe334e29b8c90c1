using Medimail.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Http;

namespace Medimail.Gateway.UnitTests;

/// <summary>What the backends receive and what the client gets back, through each route's real YARP transformer.</summary>
public sealed class ForwardingTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public Task InitializeAsync()
    {
        gateway = GatewayUnderTest.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => gateway.DisposeAsync().AsTask();

    private static DefaultHttpContext PublicRequest(string correlationId)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("medimail.example.fr");
        http.Request.Path = "/connect/token";
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("2001:db8::7");
        // As the correlation middleware leaves them before the proxy runs.
        http.Request.Headers[CorrelationId.HeaderName] = correlationId;
        http.Response.Headers[CorrelationId.HeaderName] = correlationId;
        return http;
    }

    [Fact]
    public async Task The_backend_receives_the_correlation_id_and_the_public_scheme_and_host()
    {
        var http = PublicRequest("corr-1");
        using var proxyRequest = new HttpRequestMessage();

        await gateway.Route("identity-connect").Transformer.TransformRequestAsync(http, proxyRequest, "http://127.0.0.1:5101", CancellationToken.None);

        Assert.Equal(["corr-1"], proxyRequest.Headers.GetValues(CorrelationId.HeaderName));
        Assert.Equal(["https"], proxyRequest.Headers.GetValues("X-Forwarded-Proto"));
        Assert.Equal(["medimail.example.fr"], proxyRequest.Headers.GetValues("X-Forwarded-Host"));
        Assert.Equal(["2001:db8::7"], proxyRequest.Headers.GetValues("X-Forwarded-For"));
    }

    [Fact]
    public async Task The_client_gets_the_correlation_id_once_even_when_the_backend_echoes_it()
    {
        var http = PublicRequest("corr-2");
        using var backendResponse = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        backendResponse.Headers.Add(CorrelationId.HeaderName, "corr-2");

        await gateway.Route("identity-accounts").Transformer.TransformResponseAsync(http, backendResponse, CancellationToken.None);

        Assert.Equal("corr-2", http.Response.Headers[CorrelationId.HeaderName].ToString());
    }
}
