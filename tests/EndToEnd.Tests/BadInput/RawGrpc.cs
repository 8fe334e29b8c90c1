using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Rpc;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// A unary gRPC call written by hand over HTTP/2 cleartext, for frames a gRPC client never sends: a 5-byte prefix
/// (compressed flag, big-endian length) followed by any payload, the declared length free to lie.
/// </summary>
internal static class RawGrpc
{
    public sealed record Answer(int Status, string Message, IReadOnlyList<string> Fields)
    {
        public override string ToString() => $"grpc-status {Status} \"{Message}\" fields [{string.Join(", ", Fields)}]";
    }

    public static byte[] Frame(byte[] payload, int? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<Answer> CallAsync(string baseUrl, string method, byte[] frame, string token)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // HTTP/2 with prior knowledge, as gRPC over cleartext (a request message defaults to HTTP/1.1).
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl.TrimEnd('/') + method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method}: HTTP {(int)response.StatusCode}");
        // A refusal before any message is sent is "trailers-only": the status travels in the headers.
        var status = Header(response, "grpc-status") ?? throw new Xunit.Sdk.XunitException($"{method}: no grpc-status");
        var message = Uri.UnescapeDataString(Header(response, "grpc-message") ?? "");
        return new Answer(int.Parse(status), message, FieldsOf(Header(response, "grpc-status-details-bin")));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.First()
        : response.Headers.TryGetValues(name, out var header) ? header.First() : null;

    private static IReadOnlyList<string> FieldsOf(string? detailsBin)
    {
        if (detailsBin is null)
            return [];
        var base64 = detailsBin.PadRight(detailsBin.Length + (4 - detailsBin.Length % 4) % 4, '=');
        var status = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(base64));
        return status.Details.Where(d => d.Is(BadRequest.Descriptor))
            .SelectMany(d => d.Unpack<BadRequest>().FieldViolations.Select(v => v.Field)).ToList();
    }
}
