using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.EndToEnd.Tests;

/// <summary>The REST API describes itself through the gateway: GET /openapi/v1.json (merged from every service) and GET /docs.</summary>
public sealed partial class OpenApiTests
{
    [Fact]
    public async Task Every_rest_call_of_docs_api_is_in_the_openapi_document_with_its_method()
    {
        var document = await DocumentAsync();
        var served = Operations(document);

        var calls = DocumentedCalls();
        Assert.True(calls.Count > 30, $"only {calls.Count} REST calls read from docs/api.md");
        var missing = calls.Where(call => !served.Contains(call)).ToList();
        Assert.True(missing.Count == 0, "in docs/api.md but not in /openapi/v1.json:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task The_document_merges_the_four_services_and_carries_the_protos_field_comments()
    {
        var document = await DocumentAsync();
        var served = Operations(document);

        Assert.Equal("3.0.1", document["openapi"]!.GetValue<string>());
        Assert.Contains("POST /api/v1/accounts", served);                        // Identity-Registry
        Assert.Contains("GET /api/v1/me/mailboxes", served);                     // Mailbox
        Assert.Contains("GET /api/v1/directory/{}/entries", served);             // Directory
        Assert.Contains("GET /api/v1/notifications", served);                    // Notification
        var rules = document["components"]!["schemas"]!.AsObject()
            .Single(s => s.Key.EndsWith("PasswordRules", StringComparison.Ordinal)).Value!;
        Assert.Contains("Fewest characters", rules["properties"]!["minLength"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_reference_page_renders_the_api_and_loads_nothing_from_outside_the_gateway()
    {
        await using var chromium = await ChromiumBrowser.StartAsync();
        var page = await chromium.NewPageAsync();
        var gateway = new Uri(TestEnvironment.GatewayUrl);
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        var opened = await page.GotoAsync(new Uri(gateway, "/docs").ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Equal(200, opened!.Status);
        await page.GetByText("Medimail API").First.WaitForAsync();
        Assert.Contains(requested, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        var outside = requested.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && new Uri(url).Authority != gateway.Authority).ToList();
        Assert.True(outside.Count == 0, "loaded from outside the gateway:\n" + string.Join("\n", outside));
    }

    private static async Task<JsonObject> DocumentAsync()
    {
        using var http = Channels.Rest(null);
        using var response = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>"GET /api/v1/structures/{}" for each operation of the document (path parameters unnamed).</summary>
    private static HashSet<string> Operations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {Unnamed(path.Key)}"))
            .ToHashSet();

    /// <summary>The REST calls of the tables of docs/api.md up to "Being built": the first cell's <c>`VERB /api/…`</c>.</summary>
    private static List<string> DocumentedCalls()
    {
        var calls = new List<string>();
        foreach (var line in File.ReadLines(ApiDocument()))
        {
            if (line.StartsWith("## Being built", StringComparison.Ordinal))
                break;
            if (!line.StartsWith("| `", StringComparison.Ordinal))
                continue;
            var firstCell = line.Split('|')[1];
            foreach (Match call in RestCall().Matches(firstCell))
                calls.Add($"{call.Groups[1].Value} {Unnamed(call.Groups[2].Value)}");
        }
        return calls;
    }

    private static string Unnamed(string path) => PathParameter().Replace(path.Split('?')[0], "{}");

    private static string ApiDocument()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "api.md");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException($"docs/api.md not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"`(GET|POST|PATCH|PUT|DELETE) (/api/[^`\s]+)`")]
    private static partial Regex RestCall();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
