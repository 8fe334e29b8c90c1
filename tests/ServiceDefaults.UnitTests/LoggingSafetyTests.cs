using Medimail.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class LoggingSafetyTests
{
    [Theory]
    [InlineData("/enrol/abcdef123456", "/enrol/***")]
    [InlineData("/api/v1/enrolments/abcdef123456:complete", "/api/v1/enrolments/***:complete")]
    [InlineData("/api/v1/accounts/jean@x.fr", "/api/v1/accounts/jean@x.fr")]
    public void Paths_are_masked_after_enrol_segments(string path, string logged) =>
        Assert.Equal(logged, SafeRoute.Mask(path));

    /// <summary>
    /// The production pipeline, whole: a Production-mode host with <c>AddMedimailLogging</c> (compact JSON to the
    /// console) and <c>UseMedimailRequestLogging</c>, a real Kestrel request, and the console's JSON lines read back.
    /// </summary>
    [Theory]
    [InlineData("/enrol/{0}")]
    [InlineData("/api/v1/enrolments/{0}:complete")]
    public async Task Enrolment_tokens_never_reach_the_request_log(string pathTemplate)
    {
        var token = "tok" + Guid.NewGuid().ToString("N");
        var path = string.Format(pathTemplate, token);
        var lines = await RequestLogOfAsync(path);

        var request = lines.Single(l => l.Contains("\"RequestMethod\"", StringComparison.Ordinal));
        Assert.DoesNotContain(token, string.Join('\n', lines), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(request);
        Assert.Equal(string.Format(pathTemplate, "***"), json.RootElement.GetProperty("RequestPath").GetString());
        Assert.Equal(200, json.RootElement.GetProperty("StatusCode").GetInt32());
    }

    /// <summary>A %0A in the path would end the line in the development console: every sink sees it escaped.</summary>
    [Fact]
    public async Task A_line_break_in_a_path_stays_on_its_log_line()
    {
        var lines = await RequestLogOfAsync("/api/v1/accounts/a%0A%7B%22Level%22:%22Fatal%22%7D", development: true);

        var request = Assert.Single(lines, l => l.Contains("HTTP GET", StringComparison.Ordinal));
        Assert.Contains("/api/v1/accounts/a\\u000A{\"Level\":\"Fatal\"}", request, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("{\"Level\"", StringComparison.Ordinal));
    }

    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);

    private static async Task<List<string>> RequestLogOfAsync(string path, bool development = false)
    {
        await ConsoleGate.WaitAsync();
        var original = Console.Out;
        var captured = new StringWriter();
        try
        {
            Console.SetOut(captured);
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
            {
                EnvironmentName = development ? "Development" : "Production",
                ApplicationName = "LoggingSafetyTests",
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddMedimailLogging();
            await using (var app = builder.Build())
            {
                app.UseMedimailRequestLogging();
                app.MapFallback(() => "ok");
                await app.StartAsync();
                var address = app.Urls.First();
                using (var client = new HttpClient())
                {
                    var response = await client.GetAsync(address + path);
                    Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                }
                await app.StopAsync();
            }
            return captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        }
        finally
        {
            Console.SetOut(original);
            ConsoleGate.Release();
        }
    }

    [Theory]
    [InlineData("3f2b8c1e0d4a4c55", true)]
    [InlineData("e2e-correlation-42", true)]
    [InlineData("bad id\nwith newline", false)]
    [InlineData("", false)]
    public void Only_plain_correlation_ids_are_adopted_from_callers(string value, bool accepted) =>
        Assert.Equal(accepted, CorrelationId.IsAcceptable(value));

    [Fact]
    public void Overlong_correlation_ids_are_refused() =>
        Assert.False(CorrelationId.IsAcceptable(new string('a', 65)));
}
