using static Medimail.Gateway.UnitTests.GatewayUnderTest;

namespace Medimail.Gateway.UnitTests;

/// <summary>
/// /enrol/{token} is the gateway's own page, not a proxied route. Identity-Registry is pointed at a closed port here,
/// so a request that reaches the page gets its "service unavailable" answer (503) instead of touching the network.
/// </summary>
public sealed class EnrolmentPageTests
{
    private const string Token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private static GatewayUnderTest StartWithoutIdentity(int anonymousPermits = 30) => Start(settings =>
    {
        settings["Services:Identity:Grpc"] = "http://127.0.0.1:1";
        settings["Pages:BackendDeadline"] = "00:00:02";
        settings["RateLimits:Anonymous:PermitLimit"] = $"{anonymousPermits}";
        settings["RateLimits:Anonymous:Window"] = "00:01:00";
    });

    [Fact]
    public async Task The_enrolment_page_needs_no_token_and_answers_in_french_html()
    {
        await using var gateway = StartWithoutIdentity();

        var outcome = await gateway.SendAsync("GET", $"/enrol/{Token}");

        Assert.Null(outcome.Route);
        Assert.Equal(503, outcome.StatusCode);
        Assert.Contains("<html lang=\"fr\">", outcome.Body);
        Assert.Equal("no-store", outcome.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", outcome.Headers["Referrer-Policy"].ToString());
        Assert.DoesNotContain(Token, outcome.Body);
    }

    [Fact]
    public async Task The_enrolment_page_is_not_served_on_the_grpc_port()
    {
        await using var gateway = StartWithoutIdentity();

        var outcome = await gateway.SendAsync("GET", $"/enrol/{Token}", GrpcPort);

        Assert.Equal(404, outcome.StatusCode);
    }

    [Fact]
    public async Task The_enrolment_page_counts_against_the_anonymous_rate_limit()
    {
        await using var gateway = StartWithoutIdentity(anonymousPermits: 2);
        var client = NewClient();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await gateway.SendAsync("GET", $"/enrol/{Token}", client: client)).StatusCode);

        Assert.Equal([503, 503, 429], statuses);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_before_calling_identity()
    {
        await using var gateway = StartWithoutIdentity();

        var outcome = await gateway.SendAsync("POST", $"/enrol/{Token}", contentType: "application/x-www-form-urlencoded");

        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains("Formulaire expiré", outcome.Body);
    }
}
