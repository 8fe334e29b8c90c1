using System.Security.Claims;
using Medimail.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using static Medimail.Gateway.UnitTests.GatewayUnderTest;

namespace Medimail.Gateway.UnitTests;

public sealed class RateLimitTests
{
    private static GatewayUnderTest StartWithLimits(int anonymousPermits, int apiPermits) => Start(settings =>
    {
        settings["RateLimits:Anonymous:PermitLimit"] = $"{anonymousPermits}";
        settings["RateLimits:Anonymous:Window"] = "00:01:00";
        settings["RateLimits:Api:PermitLimit"] = $"{apiPermits}";
        settings["RateLimits:Api:Window"] = "00:01:00";
        settings["RateLimits:Api:QueueLimit"] = "0";
    });

    [Fact]
    public async Task An_anonymous_client_past_its_burst_gets_429_with_retry_after()
    {
        await using var gateway = StartWithLimits(anonymousPermits: 3, apiPermits: 100);
        var client = NewClient();

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await gateway.SendAsync("POST", "/api/v1/registrations", client: client)).StatusCode);
        var refused = await gateway.SendAsync("GET", "/api/v1/enrolments/tok-123", client: client);

        Assert.Equal([WouldForward, WouldForward, WouldForward, 429], statuses);
        Assert.Equal(429, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter.ToString()) is > 0 and <= 60);
        Assert.Contains("\"code\":8", refused.Body);
    }

    [Fact]
    public async Task Anonymous_clients_are_counted_separately_by_address()
    {
        await using var gateway = StartWithLimits(anonymousPermits: 1, apiPermits: 100);

        var first = await gateway.SendAsync("POST", "/api/v1/registrations", client: NewClient());
        var second = await gateway.SendAsync("POST", "/api/v1/registrations", client: NewClient());

        Assert.Equal((WouldForward, WouldForward), (first.StatusCode, second.StatusCode));
    }

    [Fact]
    public async Task The_connect_endpoints_have_their_own_limit_per_address()
    {
        await using var gateway = Start(settings =>
        {
            settings["RateLimits:Anonymous:PermitLimit"] = "1";
            settings["RateLimits:Connect:PermitLimit"] = "2";
            settings["RateLimits:Connect:Window"] = "00:01:00";
        });
        var client = NewClient();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await gateway.SendAsync("POST", "/connect/token", client: client)).StatusCode);
        var other = await gateway.SendAsync("GET", "/connect/authorize", client: NewClient());

        Assert.Equal([WouldForward, WouldForward, 429], statuses);
        Assert.Equal(WouldForward, other.StatusCode);
    }

    [Fact]
    public async Task A_refused_grpc_call_gets_resource_exhausted_not_an_http_error()
    {
        await using var gateway = StartWithLimits(anonymousPermits: 1, apiPermits: 100);
        var client = NewClient();

        await gateway.SendAsync("POST", "/medimail.identity.v1.ReferenceService/List", GrpcPort, client, "application/grpc");
        var refused = await gateway.SendAsync("POST", "/medimail.identity.v1.ReferenceService/List", GrpcPort, client, "application/grpc");

        Assert.Equal(200, refused.StatusCode);
        Assert.Equal("8", refused.Headers["grpc-status"].ToString());
        Assert.False(string.IsNullOrEmpty(refused.Headers.RetryAfter.ToString()));
    }

    [Fact]
    public async Task Api_calls_are_counted_per_token_subject_not_per_address()
    {
        await using var gateway = StartWithLimits(anonymousPermits: 100, apiPermits: 2);
        var sharedAddress = NewClient();
        var alice = TestTokens.Bearer("alice");
        var bob = TestTokens.Bearer("bob");

        var aliceStatuses = new List<int>();
        for (var i = 0; i < 3; i++)
            aliceStatuses.Add((await gateway.SendAsync("GET", "/api/v1/me/mailboxes", client: sharedAddress, authorization: alice)).StatusCode);
        var bobStatus = (await gateway.SendAsync("GET", "/api/v1/me/mailboxes", client: sharedAddress, authorization: bob)).StatusCode;

        Assert.Equal([WouldForward, WouldForward, 429], aliceStatuses);
        Assert.Equal(WouldForward, bobStatus);
    }

    [Fact]
    public void The_caller_key_is_the_token_subject_when_authenticated_and_the_address_otherwise()
    {
        var anonymous = new DefaultHttpContext();
        anonymous.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("2001:db8::1");
        var signedIn = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "acc-42")], "Bearer")) };

        Assert.Equal("ip:2001:db8::1", ClientKey.CallerOrAddress(anonymous));
        Assert.Equal("sub:acc-42", ClientKey.CallerOrAddress(signedIn));
    }

    [Fact]
    public void Limits_default_when_not_configured()
    {
        var empty = new ConfigurationBuilder().Build();

        var anonymous = RateLimitSettings.Read(empty, "Anonymous", RateLimitSettings.AnonymousDefaults);

        Assert.Equal((30, TimeSpan.FromSeconds(10), 0), (anonymous.PermitLimit, anonymous.Window, anonymous.QueueLimit));
    }

    [Fact]
    public void A_nonsense_limit_stops_start_up_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimits:Api:PermitLimit"] = "0" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => RateLimitSettings.Read(configuration, "Api", RateLimitSettings.ApiDefaults));

        Assert.Contains("RateLimits:Api", error.Message);
    }
}
