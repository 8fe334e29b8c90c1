using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests;

/// <summary>The REST side of the platform under test: the gateway's REST port as an administrator (operator token) and as the
/// anonymous person holding a link, and Identity-Registry's database. The gRPC side is <see cref="IdentityFixture"/>.</summary>
internal static class Platform
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    public static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Identity-Registry's database: <c>identity</c> under scripts/test.sh; MEDIMAIL_IDENTITY_DATABASE for a
    /// platform started otherwise (bench/import/services.sh env and bench/relaunch/stack.sh env set it).</summary>
    public static string IdentityDatabase =>
        Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DATABASE") is { Length: > 0 } name ? name : "identity";

    /// <summary>An open connection to Identity-Registry's database, for what no API shows (a crashed job, the outbox, links).</summary>
    public static async Task<NpgsqlConnection> OpenIdentityDatabaseAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(IdentityDatabase));
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<HttpClient> OperatorAsync() => Channels.Rest(await Tokens.OperatorAsync());

    public static HttpClient Anonymous() => Channels.Rest(null);

    public static StringContent Json(object body) => new(
        body is IMessage message ? Formatter.Format(message) : System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web),
        Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>A fresh structure and a PER account created with <c>sendInvitation</c>; returns the address.</summary>
    public static async Task<(string Email, string StructureId)> PreRegisteredPersonAsync(bool sendInvitation = true)
    {
        using var admin = await OperatorAsync();
        var structure = await ReadAsync(await admin.PostAsync("/api/v1/structures", Json(Testing.Accounts.NewStructure())), HttpStatusCode.OK);
        var structureId = structure["id"]!.GetValue<string>();
        var account = Testing.Accounts.Per();
        var request = new CreateAccountRequest { StructureId = structureId, Account = account, SendInvitation = sendInvitation };
        var created = await ReadAsync(await admin.PostAsync("/api/v1/accounts", Json(request)), HttpStatusCode.OK);
        Assert.Equal("PRE_REGISTERED", created["state"]!.GetValue<string>());
        return (account.Email, structureId);
    }

    public static async Task<string> StateOfAsync(string email)
    {
        using var admin = await OperatorAsync();
        var account = await ReadAsync(await admin.GetAsync($"/api/v1/accounts/{Uri.EscapeDataString(email)}"), HttpStatusCode.OK);
        return account["state"]!.GetValue<string>();
    }

    /// <summary>Field paths of the google.rpc.BadRequest detail of a transcoded error.</summary>
    public static IReadOnlyList<string> FieldsOf(JsonNode error) =>
        (error["details"]?.AsArray() ?? [])
            .SelectMany(d => d?["fieldViolations"]?.AsArray() ?? [])
            .Select(v => v!["field"]!.GetValue<string>())
            .ToList();

    /// <summary>A token of the right shape that was never issued.</summary>
    public static string UnknownToken() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
