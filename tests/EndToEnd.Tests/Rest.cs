using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests;

/// <summary>JSON over the gateway's REST port, with the proto3 JSON mapping a connector would use.</summary>
public sealed class Rest(string? token) : IDisposable
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private readonly HttpClient http = Channels.Rest(token);

    public HttpClient Http => http;

    public static async Task<Rest> AsOperatorAsync() => new(await Tokens.OperatorAsync());

    public Task<HttpResponseMessage> PostAsync(string path, object body) =>
        http.PostAsync(path, new StringContent(Serialize(body), System.Text.Encoding.UTF8, "application/json"));

    public async Task<JsonNode> PostOkAsync(string path, object body)
    {
        using var response = await PostAsync(path, body);
        return await ReadOkAsync(response);
    }

    public async Task<JsonNode> GetOkAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadOkAsync(response);
    }

    public static async Task<JsonNode> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Proto messages in their JSON form (lowerCamelCase, enums by name); anything else as plain JSON.</summary>
    private static string Serialize(object body) => body switch
    {
        IMessage message => Formatter.Format(message),
        JsonNode node => node.ToJsonString(),
        _ => JsonSerializer.Serialize(body, JsonSerializerOptions.Web),
    };

    public void Dispose() => http.Dispose();
}
