using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Medimail.Gateway.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medimail.Gateway.UnitTests;

public sealed class HealthTests
{
    private static readonly Uri Address = new("http://127.0.0.1:5111/health");

    private static Task<HealthCheckResult> Check(HttpMessageHandler handler, TimeSpan? deadline = null) =>
        new BackendHealthCheck(new SingleClientFactory(handler), Address, deadline ?? TimeSpan.FromSeconds(2))
            .CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task A_backend_answering_200_is_ready()
    {
        var result = await Check(new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)));

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task A_backend_answering_503_is_not_ready_and_says_so()
    {
        var result = await Check(new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("503", result.Description);
    }

    [Fact]
    public async Task An_unreachable_backend_is_not_ready()
    {
        var result = await Check(new FakeHandler(_ => throw new HttpRequestException("Connection refused")));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Connection refused", result.Description);
    }

    [Fact]
    public async Task A_backend_slower_than_the_deadline_is_not_ready()
    {
        var result = await Check(new SilentHandler(), TimeSpan.FromMilliseconds(50));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("no answer within", result.Description);
    }

    [Fact]
    public async Task Readiness_is_503_naming_the_backends_that_are_down()
    {
        await using var gateway = GatewayUnderTest.Start(backendHealth: request => request.RequestUri!.Port switch
        {
            5113 => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            5114 => throw new HttpRequestException("Connection refused"),
            _ => new HttpResponseMessage(HttpStatusCode.OK),
        });

        var outcome = await gateway.SendAsync("GET", "/health/ready");

        Assert.Equal(503, outcome.StatusCode);
        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal(["directory", "notification"], body.RootElement.GetProperty("down").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Healthy", body.RootElement.GetProperty("backends").GetProperty("identity").GetProperty("status").GetString());
        Assert.Equal("http://127.0.0.1:5114/health",
            body.RootElement.GetProperty("backends").GetProperty("notification").GetProperty("address").GetString());
    }

    [Fact]
    public async Task Readiness_is_200_when_every_backend_answers()
    {
        await using var gateway = GatewayUnderTest.Start();

        var outcome = await gateway.SendAsync("GET", "/health/ready");

        Assert.Equal(200, outcome.StatusCode);
        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal(4, body.RootElement.GetProperty("backends").EnumerateObject().Count());
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class SilentHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }
    }
}
