using System.Net;
using System.Text.Json.Nodes;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests;

/// <summary>The foundation slice, end to end: token, structure, accounts of every type, admin search, directory.</summary>
public sealed class PlatformTests
{
    [Fact]
    public async Task Gateway_is_ready_when_every_service_is_healthy()
    {
        using var http = Channels.Rest(null);
        using var response = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_call_without_a_token_is_refused_with_401()
    {
        using var http = Channels.Rest(null);
        using var response = await http.GetAsync("/api/v1/accounts");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        using var response = await Tokens.RequestAsync(TestEnvironment.OperatorClientId, "not-the-secret");
        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reference_lists_are_public()
    {
        using var http = Channels.Rest(null);
        using var response = await http.GetAsync("/api/v1/reference/professions");
        var items = (await Rest.ReadOkAsync(response)).AsArray();
        var physician = items.Single(i => i!["code"]!.GetValue<string>() == "10");
        Assert.Equal("RPPS", physician!["register"]!.GetValue<string>());
    }

    [Fact]
    public async Task Accounts_of_every_type_are_created_searched_and_the_shared_box_is_found_in_both_directories()
    {
        using var rest = await Rest.AsOperatorAsync();
        var structure = await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure());
        var structureId = structure["id"]!.GetValue<string>();

        var person = await CreateAsync(rest, structureId, Accounts.Per());
        Assert.Equal("PRE_REGISTERED", person["state"]!.GetValue<string>());
        Assert.Equal("DUPONT", person["lastName"]!.GetValue<string>());
        Assert.Equal("PRE_REGISTERED", (await CreateAsync(rest, structureId, Accounts.Int()))["state"]!.GetValue<string>());
        Assert.Equal("PRE_REGISTERED", (await CreateAsync(rest, structureId, Accounts.Med()))["state"]!.GetValue<string>());
        var personEmail = person["email"]!.GetValue<string>();
        var org = await CreateAsync(rest, structureId, Accounts.Org(personEmail));
        Assert.Equal("ACTIVE", org["state"]!.GetValue<string>());
        var app = await CreateAsync(rest, structureId, Accounts.App(personEmail, org["email"]!.GetValue<string>()));
        Assert.Equal("ACTIVE", app["state"]!.GetValue<string>());
        Assert.True(app["unlistedRegional"]!.GetValue<bool>(), "an APP box is on liste rouge by default");

        var all = await rest.GetOkAsync($"/api/v1/accounts?structureId={structureId}");
        Assert.Equal("5", all["totalSize"]!.ToString());
        var byName = await rest.GetOkAsync($"/api/v1/accounts?structureId={structureId}&query=jean-francois");
        Assert.Equal(personEmail, byName["accounts"]![0]!["email"]!.GetValue<string>());
        var byType = await rest.GetOkAsync($"/api/v1/accounts?structureId={structureId}&type=ORG");
        Assert.Single(byType["accounts"]!.AsArray());

        var orgWord = org["firstName"]!.GetValue<string>().Split(' ')[1];
        foreach (var directory in new[] { "regional", "national" })
        {
            var found = await Eventually.GetAsync(
                () => rest.GetOkAsync($"/api/v1/directory/{directory}/entries?query={orgWord}"),
                r => r["entries"]?.AsArray().Count == 1, TimeSpan.FromSeconds(30), $"the ORG box in the {directory} directory");
            Assert.Equal(org["email"]!.GetValue<string>(), found["entries"]![0]!["email"]!.GetValue<string>());
        }
        // A pre-registered person is not listed until enrolment makes the box ACTIVE.
        var notListed = await rest.GetOkAsync($"/api/v1/directory/regional/entries?query={Uri.EscapeDataString(personEmail)}");
        Assert.Empty(notListed["entries"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task A_disabled_box_disappears_from_the_directory()
    {
        using var rest = await Rest.AsOperatorAsync();
        var structureId = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        var person = await CreateAsync(rest, structureId, Accounts.Per());
        var org = await CreateAsync(rest, structureId, Accounts.Org(person["email"]!.GetValue<string>()));
        var email = org["email"]!.GetValue<string>();
        var query = $"/api/v1/directory/regional/entries?query={Uri.EscapeDataString(email)}";
        await Eventually.GetAsync(() => rest.GetOkAsync(query), r => r["entries"]?.AsArray().Count == 1,
            TimeSpan.FromSeconds(30), "the ORG box is listed");

        var disabled = await rest.PostOkAsync($"/api/v1/accounts/{email}:disable", new { });
        Assert.Equal("DISABLED", disabled["state"]!.GetValue<string>());
        await Eventually.GetAsync(() => rest.GetOkAsync(query), r => (r["entries"]?.AsArray().Count ?? 0) == 0,
            TimeSpan.FromSeconds(30), "the disabled box leaves the directory");
    }

    [Fact]
    public async Task A_validation_error_over_rest_is_400_with_the_field_path()
    {
        using var rest = await Rest.AsOperatorAsync();
        var structureId = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        var account = Accounts.Per();
        account.Rpps = "1012345 6781";
        using var response = await rest.PostAsync("/api/v1/accounts", new Identity.V1.CreateAccountRequest { StructureId = structureId, Account = account });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"account.rpps\"", body.Replace(" ", ""));
    }

    [Fact]
    public async Task The_same_request_id_returns_the_first_account_instead_of_a_second()
    {
        using var rest = await Rest.AsOperatorAsync();
        var structureId = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        // A retry sends the same request again (a different body with the same id is refused: docs/hardening.md).
        var request = new Identity.V1.CreateAccountRequest { StructureId = structureId, Account = Accounts.Per(), RequestId = Guid.NewGuid().ToString() };
        var first = await rest.PostOkAsync("/api/v1/accounts", request);
        var again = await rest.PostOkAsync("/api/v1/accounts", request);
        Assert.Equal(first["email"]!.GetValue<string>(), again["email"]!.GetValue<string>());
        var all = await rest.GetOkAsync($"/api/v1/accounts?structureId={structureId}");
        Assert.Equal("1", all["totalSize"]!.ToString());
    }

    [Fact]
    public async Task The_callers_correlation_id_comes_back_on_the_response()
    {
        using var rest = await Rest.AsOperatorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/structures");
        request.Headers.Add("X-Correlation-Id", "e2e-correlation-42");
        using var response = await rest.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["e2e-correlation-42"], response.Headers.GetValues("X-Correlation-Id"));
    }

    [Fact]
    public async Task A_connector_creates_app_boxes_of_its_structure_and_nothing_else()
    {
        using var rest = await Rest.AsOperatorAsync();
        var structureId = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        var person = await CreateAsync(rest, structureId, Accounts.Per());
        var connector = await rest.PostOkAsync($"/api/v1/structures/{structureId}/connectors", new { name = "DPI Radiologie" });

        var token = await Tokens.ClientCredentialsAsync(connector["clientId"]!.GetValue<string>(), connector["clientSecret"]!.GetValue<string>());
        using var asConnector = new Rest(token);
        var personEmail = person["email"]!.GetValue<string>();
        var app = await CreateAsync(asConnector, structureId, Accounts.App(personEmail, personEmail));
        Assert.Equal("APP", app["type"]!.GetValue<string>());

        using var refused = await asConnector.PostAsync("/api/v1/accounts", new Identity.V1.CreateAccountRequest { StructureId = structureId, Account = Accounts.Per() });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var otherStructure = (await rest.PostOkAsync("/api/v1/structures", Accounts.NewStructure()))["id"]!.GetValue<string>();
        using var elsewhere = await asConnector.PostAsync("/api/v1/accounts",
            new Identity.V1.CreateAccountRequest { StructureId = otherStructure, Account = Accounts.App(personEmail, personEmail) });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }

    internal static Task<JsonNode> CreateAsync(Rest rest, string structureId, Identity.V1.Account account) =>
        rest.PostOkAsync("/api/v1/accounts", new Identity.V1.CreateAccountRequest { StructureId = structureId, Account = account });
}
