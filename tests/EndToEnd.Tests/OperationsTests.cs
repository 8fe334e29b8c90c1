using System.Net;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests;

/// <summary>
/// What operations watch and rely on: /metrics on every process, the outbox age while the broker is away, readiness
/// while the database is away. Stops PostgreSQL or RabbitMQ under the running platform: the assembly runs its tests one
/// at a time (AssemblyInfo.cs), and each test waits until the platform is healthy again before it ends.
/// </summary>
public sealed class OperationsTests
{
    private static readonly string[] Services = ["IDENTITY", "MAILBOX", "DIRECTORY", "NOTIFICATION"];
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static string GatewayMetricsUrl => HttpUrl("GATEWAY_METRICS", "");

    private static string HttpUrl(string service, string suffix = "_HTTP") =>
        Environment.GetEnvironmentVariable($"MEDIMAIL_{service}{suffix}_URL") is { Length: > 0 } url ? url
        : throw new InvalidOperationException($"MEDIMAIL_{service}{suffix}_URL is not set: run the tests through scripts/test.sh.");

    [Fact]
    public async Task Every_process_serves_its_metrics_as_prometheus_text_with_calls_by_method_and_code()
    {
        // A token issued now (the shared operator token may predate a restart of Identity-Registry by another test),
        // and one gRPC call through the gateway, so Identity-Registry has a sign-in and a call to count.
        using (var rest = new Rest(await Tokens.ClientCredentialsAsync(TestEnvironment.OperatorClientId, TestEnvironment.OperatorSecret)))
            await rest.GetOkAsync("/api/v1/structures");

        foreach (var service in Services)
        {
            var samples = await ScrapeAsync(HttpUrl(service));
            Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count");
            Assert.Contains(samples, s => s.Name == "medimail_outbox_oldest_unsent_age_seconds");
            Assert.Contains(samples, s => s.Name == "medimail_outbox_backlog" && s.Labels["state"] == "due");
        }
        var identity = await ScrapeAsync(HttpUrl("IDENTITY"));
        Assert.Contains(identity, s => s.Name == "rpc_server_duration_seconds_count"
            && s.Labels["rpc_method"] == "/medimail.identity.v1.StructureService/ListStructures" && s.Labels["rpc_grpc_status_code"] == "OK" && s.Value >= 1);
        Assert.Contains(identity, s => s.Name == "medimail_signins_total" && s.Labels["outcome"] == "succeeded" && s.Value >= 1);
        Assert.Contains(await ScrapeAsync(HttpUrl("NOTIFICATION")), s => s.Name == "medimail_mail_queue_oldest_age_seconds");
        Assert.Contains(await ScrapeAsync(HttpUrl("DIRECTORY")), s => s.Name == "medimail_directory_index_entries");
        Assert.Contains(await ScrapeAsync(GatewayMetricsUrl), s => s.Name == "http_server_request_duration_seconds_count");
    }

    [Fact]
    public async Task The_gateway_serves_its_metrics_on_its_management_port_only_and_nothing_else_there()
    {
        using (var publicPort = await Http.GetAsync($"{TestEnvironment.GatewayUrl}/metrics"))
            Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
        Assert.Contains(await ScrapeAsync(GatewayMetricsUrl), s => s.Name == "http_server_request_duration_seconds_count");
        // The management port is no second way into the public API.
        using var api = await Http.GetAsync($"{GatewayMetricsUrl}/api/v1/structures");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task The_outbox_age_rises_while_RabbitMQ_is_stopped_and_falls_back_once_it_returns()
    {
        using var rest = await Rest.AsOperatorAsync();
        var identity = HttpUrl("IDENTITY");
        var structureId = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        await Infra.RunAsync("rabbit-stop");
        try
        {
            // An account created now stages an AccountCreated event the relay cannot publish.
            await PlatformTests.CreateAsync(rest, structureId, Accounts.Per());
            var first = await Eventually.GetAsync(() => OutboxAgeAsync(identity), age => age > 0, TimeSpan.FromSeconds(60),
                "the unsent event shows in the outbox age");
            await Eventually.GetAsync(() => OutboxAgeAsync(identity), age => age > first + 1, TimeSpan.FromSeconds(60),
                "the outbox age keeps rising while the broker is away");
        }
        finally
        {
            await Infra.RunAsync("rabbit-start");
        }
        await Eventually.GetAsync(() => OutboxAgeAsync(identity), age => age == 0, TimeSpan.FromSeconds(120),
            "the outbox drains once RabbitMQ is back");
        await EventsReachTheDirectoryAsync(rest, structureId, "once RabbitMQ is back");
    }

    [Fact]
    public async Task Readiness_is_false_while_PostgreSQL_is_stopped_and_true_once_it_is_back()
    {
        var identity = HttpUrl("IDENTITY");
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(identity));
        await Infra.RunAsync("pg-stop");
        try
        {
            await Eventually.GetAsync(() => HealthAsync(identity), s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60),
                "Identity-Registry reports not ready without its database");
            Assert.Equal(HttpStatusCode.OK, await LivenessAsync(identity));
        }
        finally
        {
            await Infra.RunAsync("pg-start");
        }
        foreach (var service in Services)
        {
            await Eventually.GetAsync(() => HealthAsync(HttpUrl(service)), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(120),
                $"{service} is ready again once PostgreSQL is back");
        }
        using var rest = await Rest.AsOperatorAsync();
        var structureId = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        await EventsReachTheDirectoryAsync(rest, structureId, "once PostgreSQL is back");
    }

    /// <summary>
    /// The platform has recovered end to end: a new ORG box goes from Identity-Registry through its outbox and RabbitMQ
    /// to the Directory's consumer and its search index (and the tests after this one start on a platform that works).
    /// </summary>
    private static async Task EventsReachTheDirectoryAsync(Rest rest, string structureId, string when)
    {
        var person = await PlatformTests.CreateAsync(rest, structureId, Accounts.Per());
        var org = await PlatformTests.CreateAsync(rest, structureId, Accounts.Org(person["email"]!.GetValue<string>()));
        var word = org["firstName"]!.GetValue<string>().Split(' ')[1];
        await Eventually.GetAsync(() => rest.GetOkAsync($"/api/v1/directory/regional/entries?query={word}"),
            r => r["entries"]?.AsArray().Count == 1, TimeSpan.FromSeconds(120), $"a new ORG box in the regional directory {when}");
    }

    private static async Task<IReadOnlyList<Prometheus.Sample>> ScrapeAsync(string baseUrl)
    {
        using var response = await Http.GetAsync($"{baseUrl}/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{baseUrl}/metrics: {(int)response.StatusCode}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = Prometheus.Parse(text);
        Assert.NotEmpty(samples);
        return samples;
    }

    private static async Task<double> OutboxAgeAsync(string baseUrl) =>
        (await ScrapeAsync(baseUrl)).Where(s => s.Name == "medimail_outbox_oldest_unsent_age_seconds").Select(s => s.Value).DefaultIfEmpty(-1).Single();

    private static async Task<HttpStatusCode> HealthAsync(string baseUrl)
    {
        try
        {
            using var response = await Http.GetAsync($"{baseUrl}/health");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.BadGateway;
        }
    }

    private static async Task<HttpStatusCode> LivenessAsync(string baseUrl)
    {
        using var response = await Http.GetAsync($"{baseUrl}/health/live");
        return response.StatusCode;
    }
}
