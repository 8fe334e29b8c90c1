using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// Bodies a connector's broken software could send to the gateway's REST port and gRPC port: each is refused with a
/// status naming the field, writes nothing, leaves every service ready and costs memory bounded by what was sent.
/// (A gRPC frame whose payload is not a readable message: GarbageProtobufTests.)
/// </summary>
public sealed class ApiBadInputTests
{
    [Theory]
    [InlineData("truncated", """{"structureId":"00000000-0000-0000-0000-000000000000","account":{"email":"a@b.fr","lastName":""")]
    [InlineData("wrong type", """{"structureId":"00000000-0000-0000-0000-000000000000","account":{"email":"a@b.fr","independentPractice":"peut-être"}}""")]
    [InlineData("not an object", """[1, 2, 3]""")]
    public async Task Malformed_json_is_a_400_naming_the_field_and_writes_nothing(string kind, string json)
    {
        using var rest = Channels.Rest(await Tokens.OperatorAsync());
        var before = await Doors.WrittenRowsAsync();

        using var response = await rest.PostAsync("/api/v1/accounts", new StringContent(json, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {(int)response.StatusCode} {body}");
        var fields = Doors.FieldsOf(JsonNode.Parse(body)!);
        Assert.True(fields.Count == 1, $"{kind}: no single field named in {body}");
        Assert.Equal(before, await Doors.WrittenRowsAsync());
        await Doors.AssertAllReadyAsync();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_refused_and_writes_nothing(string contentType)
    {
        using var rest = Channels.Rest(await Tokens.OperatorAsync());
        var structure = Accounts.NewStructure();
        // A valid JSON body under the wrong content type: accepted, it would create the structure.
        var json = Google.Protobuf.JsonFormatter.Default.Format(structure);
        var before = await Doors.WrittenRowsAsync();

        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await rest.PostAsync("/api/v1/structures", content);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{contentType}: {(int)response.StatusCode} {body}");
        Assert.Contains("application/json", body);
        Assert.Equal(before, await Doors.WrittenRowsAsync());
        await Doors.AssertAllReadyAsync();
    }

    [Fact]
    public async Task Bodies_over_the_route_limits_get_413_before_they_are_read()
    {
        using var rest = Channels.Rest(await Tokens.OperatorAsync());
        // 64 KB on /api/v1/accounts, 80 MB on /api/v1/imports (docs/hardening.md).
        var account = Encoding.UTF8.GetBytes("{\"structureId\":\"x\",\"account\":{\"description\":\"" + new string('d', 200 * 1024) + "\"}}");
        var import = new byte[81 * 1024 * 1024];
        Array.Fill(import, (byte)' ');
        var before = await Doors.WrittenRowsAsync();
        var memory = MemoryWatch.Of("identity");
        var gateway = MemoryWatch.Of("gateway");

        var accountStatus = await PostAsync(rest, "/api/v1/accounts", account);
        var importStatus = await PostAsync(rest, "/api/v1/imports", import);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, accountStatus);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, importStatus);
        // Refused on its Content-Length: neither process may have buffered the 81 MB.
        memory.AssertBounded(import.Length, 0.25, "an 81 MB import body");
        gateway.AssertBounded(import.Length, 0.25, "an 81 MB import body");
        Assert.Equal(before, await Doors.WrittenRowsAsync());
        await Doors.AssertAllReadyAsync();
    }

    [Fact]
    public async Task An_import_file_over_the_limit_sent_over_grpc_is_resource_exhausted_before_it_is_read()
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var imports = new ImportService.ImportServiceClient(channel);
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        var file = new byte[81 * 1024 * 1024];
        Array.Fill(file, (byte)';');
        var before = await Doors.WrittenRowsAsync();
        var memory = MemoryWatch.Of("identity");

        var refused = await Assert.ThrowsAsync<RpcException>(() => imports.StartImportAsync(new StartImportRequest
        {
            StructureId = structure.Id, FileName = "gros.csv", Content = Google.Protobuf.ByteString.CopyFrom(file),
        }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        memory.AssertBounded(file.Length, 0.25, "an 81 MB gRPC message");
        Assert.Equal(before, await Doors.WrittenRowsAsync());
        await Doors.AssertAllReadyAsync();
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(path, content);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server may close the connection once it has answered 413 while the client still sends.
            return HttpStatusCode.RequestEntityTooLarge;
        }
    }
}
