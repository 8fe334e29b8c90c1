using System.Diagnostics;
using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Medimail.Identity.V1;
using Medimail.Notification.V1;
using Medimail.Testing;
using MimeKit;

// Relaunch benchmark (see README.md). Environment: the MEDIMAIL_* variables of the platform under test
// (scripts/infra.sh env test, or a platform of your own), MEDIMAIL_SMTP_SINK_URL (control API of the sink the
// Notification service sends to) and BENCH_SMTP_PORT (that sink's SMTP port). Optional: BENCH_PEOPLE (10000),
// BENCH_PEER_CONNECTIONS (8, the Notification service's default Smtp:Workers).
var people = int.Parse(Environment.GetEnvironmentVariable("BENCH_PEOPLE") ?? "10000");
var smtpPort = int.Parse(Environment.GetEnvironmentVariable("BENCH_SMTP_PORT") ?? throw new InvalidOperationException("BENCH_SMTP_PORT is not set"));
var peerConnections = int.Parse(Environment.GetEnvironmentVariable("BENCH_PEER_CONNECTIONS") ?? "8");
var warmup = int.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP") ?? "500");
var sink = SentMail.SinkUrl;
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
var token = await Tokens.OperatorAsync();

// ---- set-up (not measured): a structure with N pre-registered people ------------------------------------------
var setup = Stopwatch.StartNew();
var identity = Channels.Create(TestEnvironment.IdentityGrpcUrl, token);
var accounts = new AccountService.AccountServiceClient(identity);
var relaunches = new RelaunchService.RelaunchServiceClient(Channels.Create(TestEnvironment.NotificationGrpcUrl, token));
var (structure, domain) = await PreRegisteredAsync(people);
Console.WriteLine($"set-up: structure with {people} PRE_REGISTERED accounts in {setup.Elapsed.TotalSeconds:0.0} s");
// A service that has run for a while has compiled its hot paths; a process started for the benchmark has not. A small
// relaunch of its own structure warms Identity and Notification up first (not measured; BENCH_WARMUP=0 skips it).
if (warmup > 0)
{
    var warm = Stopwatch.StartNew();
    var (warmStructure, _) = await PreRegisteredAsync(warmup);
    (await http.DeleteAsync($"{sink}/messages")).EnsureSuccessStatusCode();
    await RelaunchUntilSentAsync(warmStructure.Id, warmup);
    Console.WriteLine($"warm-up: relaunch of {warmup} in {warm.Elapsed.TotalSeconds:0.0} s (not measured)");
}
await QuiesceIdentityOutboxAsync();
(await http.DeleteAsync($"{sink}/messages")).EnsureSuccessStatusCode();

// ---- the platform: StartRelaunch until every e-mail is SENT -----------------------------------------------------
var platformCpu = CpuSnapshot();
var (issued, platformElapsed, relaunch) = await RelaunchUntilSentAsync(structure.Id, people);
platformCpu = CpuSince(platformCpu);
var platformSeconds = platformElapsed.TotalSeconds;
var received = await http.GetFromJsonAsync<List<SentMessage>>($"{sink}/messages?summary=true&to={Uri.EscapeDataString("@" + domain)}") ?? [];
var averageSize = (int)received.Average(m => m.Size);
var distinct = received.SelectMany(m => m.EnvelopeTo).Distinct(StringComparer.OrdinalIgnoreCase).Count();
Console.WriteLine($"platform: relaunch {relaunch.Id} of {relaunch.RecipientCount}, links issued in {issued.TotalSeconds:0.00} s, " +
    $"every e-mail SENT after {platformSeconds:0.00} s; sink got {received.Count} ({distinct} distinct recipients), average {averageSize} bytes");

// ---- the peer: MailKit pushing the same number of same-size messages straight to the same sink ------------------
(await http.DeleteAsync($"{sink}/messages")).EnsureSuccessStatusCode();
var body = new string('x', Math.Max(0, averageSize - 700));
var peerCpu = CpuSnapshot();
var peer = Stopwatch.StartNew();
var next = -1;
await Task.WhenAll(Enumerable.Range(0, peerConnections).Select(_ => Task.Run(async () =>
{
    using var client = new SmtpClient();
    await client.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None);
    int i;
    while ((i = Interlocked.Increment(ref next)) < people)
    {
        var message = new MimeMessage { Subject = "Relance de votre inscription", MessageId = $"{Guid.NewGuid():N}@bench.medimail.fr" };
        message.From.Add(MailboxAddress.Parse("ne-pas-repondre@test.medimail.fr"));
        message.To.Add(MailboxAddress.Parse($"pair{i:D6}@{domain}"));
        message.Body = new TextPart("plain") { Text = body };
        await client.SendAsync(message);
    }
    await client.DisconnectAsync(true);
})));
var peerSeconds = peer.Elapsed.TotalSeconds;
peerCpu = CpuSince(peerCpu);
var peerStats = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"{sink}/stats");
var peerSize = (await http.GetFromJsonAsync<List<SentMessage>>($"{sink}/messages?summary=true&to={Uri.EscapeDataString("@" + domain)}"))!.Average(m => m.Size);
Console.WriteLine($"peer: MailKit, {peerConnections} connection(s), {people} messages of ~{peerSize:0} bytes in {peerSeconds:0.00} s (sink count {peerStats?["count"]})");

// ---- figures -------------------------------------------------------------------------------------------------
var platformRate = people / platformSeconds;
var peerRate = people / peerSeconds;
var ratio = platformRate / peerRate;
Console.WriteLine();
Console.WriteLine($"RESULT relaunch of {people}: {platformSeconds:0.00} s until every e-mail SENT ({platformRate:0} mails/s)");
Console.WriteLine($"RESULT peer (MailKit x{peerConnections} straight to the sink): {peerSeconds:0.00} s ({peerRate:0} mails/s)");
Console.WriteLine($"CPU seconds during the platform's relaunch: {Describe(platformCpu)}; during the peer's: {Describe(peerCpu)}");
Console.WriteLine($"RESULT ratio platform/peer rate: {ratio:P0}  (goal: <= 60 s {(platformSeconds <= 60 ? "MET" : "MISSED")}, >= 50% {(ratio >= 0.5 ? "MET" : "MISSED")})");
(await http.DeleteAsync($"{sink}/messages")).EnsureSuccessStatusCode();

async Task<(Structure Structure, string Domain)> PreRegisteredAsync(int count)
{
    var created = await new StructureService.StructureServiceClient(identity).CreateStructureAsync(Accounts.NewStructure());
    var mailDomain = $"bench-{Unique.Suffix()}.test.medimail.fr";
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
    {
        await accounts.CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = created.Id,
            Account = Accounts.Per($"personne{i:D6}@{mailDomain}"),
            SendInvitation = false,
            RequestId = Guid.NewGuid().ToString(),
        }, deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: ct);
    });
    return (created, mailDomain);
}

// StartRelaunch, then until every e-mail is SENT: returns when the links were issued, the total time, the relaunch.
async Task<(TimeSpan Issued, TimeSpan Elapsed, Relaunch Relaunch)> RelaunchUntilSentAsync(string structureId, int count)
{
    var clock = Stopwatch.StartNew();
    var started = await relaunches.StartRelaunchAsync(new StartRelaunchRequest { StructureId = structureId, RequestId = Guid.NewGuid().ToString() },
        deadline: DateTime.UtcNow.AddMinutes(5));
    var linksIssued = clock.Elapsed;
    // Cheap polling while the mails flow (the sink's counter: this sink serves this benchmark alone), so the measurement
    // does not load the platform; then GetLastRelaunch until its history says every e-mail is SENT.
    while ((await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"{sink}/stats"))!["count"]!.GetValue<int>() < count)
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"fewer than {count} mails at the sink after 10 minutes");
        await Task.Delay(100);
    }
    while (true)
    {
        var last = await relaunches.GetLastRelaunchAsync(new GetLastRelaunchRequest { StructureId = structureId }, deadline: DateTime.UtcNow.AddMinutes(1));
        var sent = last.Recipients.Count(r => r.DeliveryState == DeliveryState.Sent);
        var failed = last.Recipients.Count(r => r.DeliveryState == DeliveryState.Failed);
        if (sent + failed == count)
        {
            if (failed > 0) Console.WriteLine($"WARNING: {failed} e-mail(s) FAILED");
            return (linksIssued, clock.Elapsed, started);
        }
        if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"only {sent} of {count} SENT after 10 minutes");
        await Task.Delay(100);
    }
}

// The set-up's own events (one AccountCreated per account) are still leaving Identity's outbox: wait until they have
// left, so the measured relaunch does not queue behind them. Needs MEDIMAIL_IDENTITY_DATABASE (stack.sh env sets it).
async Task QuiesceIdentityOutboxAsync()
{
    if (Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DATABASE") is not { Length: > 0 } database)
        return;
    var wait = Stopwatch.StartNew();
    await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.DatabaseConnection(database));
    await connection.OpenAsync();
    await using var unsent = new Npgsql.NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
    while ((long)(await unsent.ExecuteScalarAsync())! > 0)
    {
        if (wait.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("Identity's outbox did not drain in 5 minutes");
        await Task.Delay(200);
    }
    Console.WriteLine($"set-up: Identity's outbox drained {wait.Elapsed.TotalSeconds:0.0} s after the set-up (not measured)");
}

// CPU time (user + system) of the bench itself and of the processes named in BENCH_PIDS ("notification=123 sink=456"),
// read from /proc: where the seconds went, on a machine whose cores the platform, the sink and the peer share.
Dictionary<string, double> CpuSnapshot()
{
    var named = (Environment.GetEnvironmentVariable("BENCH_PIDS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=')).Where(p => p.Length == 2).Select(p => (Name: p[0], Pid: p[1]));
    var snapshot = new Dictionary<string, double> { ["bench"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds };
    foreach (var (name, pid) in named)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            snapshot[name] = (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in clock ticks
        }
        catch (IOException) { }
    }
    return snapshot;
}

Dictionary<string, double> CpuSince(Dictionary<string, double> before) =>
    CpuSnapshot().Where(n => before.ContainsKey(n.Key)).ToDictionary(n => n.Key, n => n.Value - before[n.Key]);

static string Describe(Dictionary<string, double> cpu) => string.Join(", ", cpu.Select(c => $"{c.Key} {c.Value:0.0}"));
