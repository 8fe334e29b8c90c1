using System.Text.Json.Serialization;
using MimeKit;

namespace Medimail.SmtpSink;

/// <summary>
/// GET /messages[?to=address|@domain][&amp;raw=true][&amp;summary=true] — what was received, oldest first (summary: no
/// bodies);
/// GET /stats — count, distinct recipients, first and last receipt, SMTP connections (open, accepted, cut without
/// QUIT and the messages accepted on those);
/// DELETE /messages — forget everything;
/// GET|POST /mode — "accept", "tempfail:N" (451 to the next N transactions), "slow:MS" (each message accepted after
/// MS milliseconds) or "down" (listener closed).
/// </summary>
public static class ControlApi
{
    public sealed record MessageView(
        long Sequence, DateTimeOffset ReceivedAt, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo,
        string From, IReadOnlyList<string> To, string Subject, string MessageId, string TextBody, string HtmlBody,
        int Size, string? Raw);

    public sealed record Stats(int Count, int DistinctRecipients, DateTimeOffset? FirstReceivedAt, DateTimeOffset? LastReceivedAt,
        int OpenConnections, long ConnectionsAccepted, long ConnectionsCut, long MessagesOnCutConnections);

    public sealed record ModeRequest(string Mode);

    public static void MapControlApi(this WebApplication app)
    {
        app.MapGet("/messages", (MessageStore store, string? to, bool? raw, bool? summary) =>
        {
            var wanted = to?.Trim();
            var views = store.Snapshot()
                .Where(m => string.IsNullOrEmpty(wanted) || m.To.Any(r => Matches(r, wanted)))
                .Select(m => View(m, raw == true, summary == true))
                .ToList();
            return Results.Json(views, Json.Default.ListMessageView);
        });
        app.MapGet("/stats", (MessageStore store, SmtpServer server) =>
        {
            var all = store.Snapshot();
            var connections = server.Connections;
            return Results.Json(new Stats(all.Count,
                all.SelectMany(m => m.To).Select(r => r.ToLowerInvariant()).Distinct().Count(),
                all.Count > 0 ? all[0].ReceivedAt : null, all.Count > 0 ? all[^1].ReceivedAt : null,
                connections.Open, connections.Accepted, connections.Cut, connections.MessagesOnCut), Json.Default.Stats);
        });
        app.MapDelete("/messages", (MessageStore store) =>
        {
            store.Clear();
            return Results.NoContent();
        });
        app.MapGet("/mode", (SmtpServer server) => Results.Text(server.Mode));
        app.MapPost("/mode", async (HttpRequest request, SmtpServer server) =>
        {
            // The body is the mode itself ("tempfail:2"), or {"mode": "..."}.
            var body = (await new StreamReader(request.Body).ReadToEndAsync()).Trim();
            var mode = body.StartsWith('{')
                ? System.Text.Json.JsonSerializer.Deserialize(body, Json.Default.ModeRequest)?.Mode ?? ""
                : body.Trim('"');
            switch (mode.Split(':'))
            {
                case ["accept"]: server.Accept(); break;
                case ["down"]: server.Down(); break;
                case ["tempfail", var n] when int.TryParse(n, out var count) && count >= 0: server.TempFail(count); break;
                case ["slow", var ms] when int.TryParse(ms, out var delay) && delay is > 0 and <= 60_000: server.Slow(delay); break;
                default: return Results.BadRequest("mode: accept | tempfail:N | slow:MS | down");
            }
            return Results.Text(server.Mode);
        });
    }

    /// <summary>An address, or every address of a domain ("@example.org").</summary>
    private static bool Matches(string recipient, string wanted) => wanted.StartsWith('@')
        ? recipient.EndsWith(wanted, StringComparison.OrdinalIgnoreCase)
        : string.Equals(recipient, wanted, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Message-ID header without parsing the whole message (a benchmark lists thousands).</summary>
    private static string MessageIdOf(byte[] raw)
    {
        var text = System.Text.Encoding.ASCII.GetString(raw, 0, Math.Min(raw.Length, 8192));
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0)
                break;
            if (line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                return line["Message-ID:".Length..].Trim().Trim('<', '>');
        }
        return "";
    }

    private static MessageView View(StoredMessage stored, bool withRaw, bool summary)
    {
        if (summary)
            return new MessageView(stored.Sequence, stored.ReceivedAt, stored.From, stored.To, "", [], "", MessageIdOf(stored.Raw), "", "",
                stored.Raw.Length, null);
        var parsed = stored.Parsed;
        return new MessageView(stored.Sequence, stored.ReceivedAt, stored.From, stored.To,
            parsed.From.Mailboxes.FirstOrDefault()?.Address ?? "",
            parsed.To.Mailboxes.Select(m => m.Address).ToList(),
            parsed.Subject ?? "", parsed.MessageId ?? "", parsed.TextBody ?? "", parsed.HtmlBody ?? "",
            stored.Raw.Length, withRaw ? System.Text.Encoding.UTF8.GetString(stored.Raw) : null);
    }
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<ControlApi.MessageView>))]
[JsonSerializable(typeof(ControlApi.Stats))]
[JsonSerializable(typeof(ControlApi.ModeRequest))]
internal sealed partial class Json : JsonSerializerContext;
