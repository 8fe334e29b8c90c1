using Medimail.Gateway.RateLimiting;
using Medimail.Gateway.Routing;
using static Medimail.Gateway.UnitTests.GatewayUnderTest;

namespace Medimail.Gateway.UnitTests;

public sealed class AccessRulesTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public Task InitializeAsync()
    {
        gateway = Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => gateway.DisposeAsync().AsTask();

    [Fact]
    public void Only_the_token_enrolment_registration_and_reference_routes_are_anonymous()
    {
        var anonymous = gateway.Routes
            .Where(r => string.Equals(r.AuthorizationPolicy, ProxyConfiguration.Anonymous, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Match.Path)
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            new[]
            {
                "/.well-known/{**rest}",
                "/api/v1/enrolments/{**rest}",
                "/api/v1/reference/{**rest}",
                "/api/v1/registrations",
                "/connect/{**rest}",
                "/medimail.identity.v1.EnrolmentService/{method}",
                "/medimail.identity.v1.ReferenceService/{method}",
                "/medimail.identity.v1.RegistrationService/{method}",
            },
            anonymous);
    }

    [Fact]
    public void Every_other_route_requires_the_api_policy()
    {
        var others = gateway.Routes.Where(r => !string.Equals(r.AuthorizationPolicy, ProxyConfiguration.Anonymous, StringComparison.OrdinalIgnoreCase));

        Assert.All(others, r => Assert.Equal("api", r.AuthorizationPolicy));
    }

    [Fact]
    public void The_connect_route_gets_the_per_address_connect_limit() =>
        Assert.Equal(RateLimitPolicies.Connect, gateway.Route("identity-connect").Config.RateLimiterPolicy);

    [Theory]
    [InlineData("identity-enrolments")]
    [InlineData("identity-registrations")]
    [InlineData("identity-reference")]
    [InlineData("identity-grpc-enrolment")]
    [InlineData("identity-grpc-registration")]
    [InlineData("identity-grpc-reference")]
    public void Enrolment_registration_and_reference_routes_get_the_strict_anonymous_limit(string routeId) =>
        Assert.Equal(RateLimitPolicies.Anonymous, gateway.Route(routeId).Config.RateLimiterPolicy);

    [Theory]
    [InlineData("GET", "/api/v1/accounts")]
    [InlineData("GET", "/api/v1/accounts:export")]
    [InlineData("GET", "/api/v1/structures/st-1/relaunches")]
    [InlineData("GET", "/api/v1/me/mailboxes")]
    [InlineData("GET", "/api/v1/directory/regional/entries")]
    [InlineData("GET", "/api/v1/notifications")]
    public async Task A_protected_call_without_a_token_is_refused_with_401_before_any_backend_is_called(string method, string path)
    {
        var outcome = await gateway.SendAsync(method, path);

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal("Bearer", outcome.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task A_protected_grpc_call_without_a_token_is_refused_with_401()
    {
        var outcome = await gateway.SendAsync("POST", "/medimail.mailbox.v1.MessageService/SendMessage", GrpcPort, contentType: "application/grpc");

        Assert.Equal(401, outcome.StatusCode);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task A_call_with_a_malformed_or_unsigned_token_is_refused_with_401(string authorization)
    {
        var outcome = await gateway.SendAsync("GET", "/api/v1/accounts", authorization: authorization);

        Assert.Equal(401, outcome.StatusCode);
    }

    [Fact]
    public async Task A_call_with_a_token_from_another_issuer_is_refused_with_401()
    {
        var outcome = await gateway.SendAsync("GET", "/api/v1/accounts", authorization: TestTokens.Bearer("op-1", issuer: "http://elsewhere/"));

        Assert.Equal(401, outcome.StatusCode);
    }

    [Fact]
    public async Task A_call_with_a_valid_token_without_the_api_scope_is_refused_with_403()
    {
        var outcome = await gateway.SendAsync("GET", "/api/v1/accounts", authorization: TestTokens.Bearer("op-1", scope: "openid"));

        Assert.Equal(403, outcome.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/accounts", HttpPort)]
    [InlineData("/medimail.mailbox.v1.MessageService/SendMessage", GrpcPort)]
    public async Task A_call_with_a_valid_api_token_is_forwarded(string path, int port)
    {
        var outcome = await gateway.SendAsync("POST", path, port, authorization: TestTokens.Bearer("op-1"),
            contentType: port == GrpcPort ? "application/grpc" : "application/json");

        Assert.Equal(WouldForward, outcome.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/reference/professions", HttpPort)]
    [InlineData("POST", "/connect/token", HttpPort)]
    [InlineData("GET", "/.well-known/openid-configuration", HttpPort)]
    [InlineData("GET", "/api/v1/enrolments/tok-123", HttpPort)]
    [InlineData("POST", "/api/v1/enrolments/tok-123:complete", HttpPort)]
    [InlineData("POST", "/api/v1/registrations", HttpPort)]
    [InlineData("POST", "/medimail.identity.v1.ReferenceService/List", GrpcPort)]
    [InlineData("POST", "/medimail.identity.v1.EnrolmentService/GetEnrolment", GrpcPort)]
    [InlineData("POST", "/medimail.identity.v1.RegistrationService/Register", GrpcPort)]
    public async Task An_anonymous_call_is_forwarded_without_a_token(string method, string path, int port)
    {
        var outcome = await gateway.SendAsync(method, path, port, contentType: port == GrpcPort ? "application/grpc" : null);

        Assert.Equal(WouldForward, outcome.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task The_gateways_own_health_endpoints_need_no_token(string path)
    {
        var anonymous = await gateway.SendAsync("GET", path);
        var withToken = await gateway.SendAsync("GET", path, authorization: TestTokens.Bearer("op-1"));

        // A health report (200, or 503 while the test's backends are absent), the same one a token gets: the
        // token checks never ran, and the gateway answered itself rather than routing.
        Assert.Contains(anonymous.StatusCode, new[] { 200, 503 });
        var status = System.Text.Json.Nodes.JsonNode.Parse(anonymous.Body)!["status"]!.GetValue<string>();
        Assert.Contains(status, new[] { "Healthy", "Degraded", "Unhealthy" });
        Assert.Equal((withToken.StatusCode, status), (anonymous.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(withToken.Body)!["status"]!.GetValue<string>()));
        Assert.Null(anonymous.Route);
    }

    [Fact]
    public async Task Liveness_answers_200_whatever_the_backends_state()
    {
        var outcome = await gateway.SendAsync("GET", "/health");

        Assert.Equal(200, outcome.StatusCode);
        Assert.Contains("Healthy", outcome.Body);
    }
}
