using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Medimail.Testing;

/// <summary>One e-mail the test SMTP sink (tests/SmtpSink) received: envelope, headers and decoded bodies.</summary>
public sealed record SentMessage(
    long Sequence, DateTimeOffset ReceivedAt, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo,
    string From, IReadOnlyList<string> To, string Subject, string MessageId, string TextBody, string HtmlBody, int Size);

/// <summary>The sink's counters: messages, and SMTP connections open, accepted, cut without QUIT and the messages accepted on those.</summary>
public sealed record SinkStats(int Count, int DistinctRecipients, int OpenConnections, long ConnectionsAccepted, long ConnectionsCut,
    long MessagesOnCutConnections);

/// <summary>
/// What the platform's Notification service really sent over SMTP, read from the sink that scripts/test.sh starts
/// (MEDIMAIL_SMTP_SINK_URL). Every test uses its own unique addresses, so reading by recipient needs no clearing.
/// </summary>
public static partial class SentMail
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static string SinkUrl =>
        Environment.GetEnvironmentVariable("MEDIMAIL_SMTP_SINK_URL") is { Length: > 0 } url ? url.TrimEnd('/')
        : throw new InvalidOperationException("MEDIMAIL_SMTP_SINK_URL is not set: run the tests through scripts/test.sh, which starts the SMTP sink.");

    /// <summary>Every message whose envelope names <paramref name="recipient"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<SentMessage>> ToAsync(string recipient) =>
        await Http.GetFromJsonAsync<List<SentMessage>>($"{SinkUrl}/messages?to={Uri.EscapeDataString(recipient)}") ?? [];

    /// <summary>
    /// Envelope, size and Message-ID only (no bodies, subject empty) of the messages to an address, or to every address
    /// of a domain ("@relance-1234.test.medimail.fr"): cheap enough for thousands.
    /// </summary>
    public static async Task<IReadOnlyList<SentMessage>> SummariesToAsync(string addressOrDomain) =>
        await Http.GetFromJsonAsync<List<SentMessage>>($"{SinkUrl}/messages?summary=true&to={Uri.EscapeDataString(addressOrDomain)}") ?? [];

    /// <summary>The sink's counters now (GET /stats).</summary>
    public static async Task<SinkStats> StatsAsync() =>
        await Http.GetFromJsonAsync<SinkStats>($"{SinkUrl}/stats") ?? throw new InvalidOperationException("The SMTP sink answered no stats.");

    /// <summary>
    /// Makes the sink "accept", answer 451 to the next N transactions ("tempfail:N") or go "down" (connections refused
    /// and cut) — for tests of the platform's retries; they must not run in parallel with other mail tests.
    /// </summary>
    public static async Task SetSinkModeAsync(string mode)
    {
        using var response = await Http.PostAsync($"{SinkUrl}/mode", new StringContent(mode));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages reached <paramref name="recipient"/>; returns them all.</summary>
    public static Task<IReadOnlyList<SentMessage>> WaitForAsync(string recipient, TimeSpan timeout, int count = 1) =>
        Eventually.GetAsync(() => ToAsync(recipient), list => list.Count >= count, timeout,
            $"{count} e-mail(s) reach {recipient} at the SMTP sink");

    /// <summary>
    /// The newest enrolment link (<c>…/enrol/{token}</c>) sent to <paramref name="recipient"/>, waiting until one
    /// arrives. Pass <paramref name="minimumMails"/> = 2 to wait for a second mail (after a relaunch, say).
    /// </summary>
    public static async Task<string> EnrolmentLinkForAsync(string recipient, TimeSpan timeout, int minimumMails = 1)
    {
        var withLinks = await Eventually.GetAsync(
            async () => (await ToAsync(recipient)).Where(m => EnrolmentLink().IsMatch(m.TextBody)).ToList(),
            list => list.Count >= minimumMails, timeout, $"{minimumMails} e-mail(s) with an enrolment link reach {recipient}");
        return EnrolmentLinkIn(withLinks[^1]);
    }

    public static string EnrolmentLinkIn(SentMessage message) =>
        EnrolmentLink().Match(message.TextBody) is { Success: true } match ? match.Value
        : throw new InvalidOperationException($"The e-mail {message.MessageId} holds no enrolment link.");

    /// <summary>The token at the end of an enrolment link.</summary>
    public static string TokenOf(string enrolmentLink) => enrolmentLink[(enrolmentLink.LastIndexOf('/') + 1)..];

    [GeneratedRegex(@"https?://[^\s""'<>]+/enrol/[A-Za-z0-9_\-.~%]+")]
    private static partial Regex EnrolmentLink();
}
