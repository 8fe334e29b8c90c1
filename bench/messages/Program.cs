// Messages per second from APP boxes: BENCH_CONNECTORS connectors (10), each sending BENCH_MESSAGES messages (20) of
// one PDF of BENCH_PDF_BYTES (200 kB) to 3 ORG boxes, through the gateway (gRPC) and over SMTP submission; then the
// peers in the same run: PostgreSQL COPY of the same bytes into tables of the same shape (one transaction per
// message, as many connections as connectors), and MailKit pushing the same MIME messages to the test SMTP sink.
using System.Diagnostics;
using Google.Protobuf;
using MailKit.Net.Smtp;
using MailKit.Security;
using Medimail.Identity.V1;
using Medimail.Mailbox.V1;
using Medimail.Testing;
using MimeKit;
using Npgsql;
using NpgsqlTypes;

var connectors = Env("BENCH_CONNECTORS", 10);
var perConnector = Env("BENCH_MESSAGES", 20);
var pdfBytes = Env("BENCH_PDF_BYTES", 200 * 1024);
var submissionPort = Env("MEDIMAIL_SUBMISSION_PORT", 6587);
var sinkPort = Env("BENCH_SMTP_SINK_PORT", 6125);
var mailboxPid = Env("BENCH_MAILBOX_PID", 0);

Console.WriteLine($"{connectors} connectors x {perConnector} messages, PDF {pdfBytes / 1024} kB, 3 recipients");
var setup = Stopwatch.StartNew();
var world = await World.CreateAsync(connectors);
Console.WriteLine($"set-up {setup.Elapsed.TotalSeconds:0.0} s");

await RunAsync("warm-up (gateway, not counted)", connectors, 2, (c, i) => world.SendGrpcAsync(c, Pdf(pdfBytes)));
var gateway = await RunAsync("gateway gRPC", connectors, perConnector, (c, i) => world.SendGrpcAsync(c, Pdf(pdfBytes)));
var smtp = await RunPerConnectionAsync("SMTP submission", connectors, perConnector,
    c => world.OpenSubmissionAsync(c, submissionPort), (client, c) => client.SendAsync(world.Mime(c, Pdf(pdfBytes))));
var copy = await CopyPeerAsync(connectors, perConnector, pdfBytes);
var sink = await RunPerConnectionAsync("MailKit to the sink", connectors, perConnector,
    async c => { var s = new SmtpClient(); await s.ConnectAsync("127.0.0.1", sinkPort, SecureSocketOptions.None); return s; },
    (client, c) => client.SendAsync(world.Mime(c, Pdf(pdfBytes))));

Console.WriteLine();
Console.WriteLine($"gateway / COPY: {gateway / copy:P0} (goal >= 25 %);  SMTP submission / MailKit to sink: {smtp / sink:P0}");
if (mailboxPid > 0)
    Console.WriteLine($"Mailbox RSS at the end: {Process.GetProcessById(mailboxPid).WorkingSet64 / 1024 / 1024} MB");

static async Task<double> RunAsync(string name, int workers, int each, Func<int, int, Task> send)
{
    var latencies = new List<double>[workers];
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async c =>
    {
        latencies[c] = [];
        for (var i = 0; i < each; i++)
        {
            var one = Stopwatch.StartNew();
            await send(c, i);
            latencies[c].Add(one.Elapsed.TotalMilliseconds);
        }
    }));
    return Report(name, total.Elapsed, latencies.SelectMany(l => l).ToList());
}

static async Task<double> RunPerConnectionAsync(string name, int workers, int each, Func<int, Task<SmtpClient>> open,
    Func<SmtpClient, int, Task> send)
{
    var clients = await Task.WhenAll(Enumerable.Range(0, workers).Select(open));
    var rate = await RunAsync(name, workers, each, (c, _) => send(clients[c], c));
    foreach (var client in clients) { await client.DisconnectAsync(true); client.Dispose(); }
    return rate;
}

static double Report(string name, TimeSpan elapsed, List<double> latencies)
{
    latencies.Sort();
    var rate = latencies.Count / elapsed.TotalSeconds;
    Console.WriteLine($"{name,-22} {latencies.Count,6} msgs in {elapsed.TotalSeconds,6:0.00} s = {rate,7:0.0} msg/s  " +
                      $"p50 {latencies[latencies.Count / 2],6:0.0} ms  p99 {latencies[(int)(latencies.Count * 0.99)],6:0.0} ms");
    return rate;
}

// The peer: the same rows and bytes as one send (message, file content, file, 3 INBOX + 1 SENT entries), by COPY.
static async Task<double> CopyPeerAsync(int workers, int each, int pdfBytes)
{
    var connection = TestEnvironment.DatabaseConnection("mailbox");
    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        await using var create = new NpgsqlCommand("""
            DROP TABLE IF EXISTS bench_contents, bench_messages, bench_attachments, bench_entries;
            CREATE TABLE bench_contents (LIKE attachment_contents INCLUDING ALL);
            CREATE TABLE bench_messages (LIKE messages INCLUDING ALL);
            CREATE TABLE bench_attachments (LIKE message_attachments INCLUDING ALL);
            CREATE TABLE bench_entries (LIKE mailbox_entries INCLUDING ALL);
            """, db);
        await create.ExecuteNonQueryAsync();
    }
    var connections = await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
    {
        var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        return db;
    }));
    var rate = await RunAsync("PostgreSQL COPY (peer)", workers, each, async (c, i) =>
    {
        var db = connections[c];
        var id = Guid.CreateVersion7();
        var pdf = Pdf(pdfBytes);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        var now = DateTimeOffset.UtcNow;
        await using var tx = await db.BeginTransactionAsync();
        await using (var w = await db.BeginBinaryImportAsync("COPY bench_contents (sha256, size, content) FROM STDIN (FORMAT BINARY)"))
        {
            await w.WriteRowAsync(default, sha, (long)pdf.Length, pdf);
            await w.CompleteAsync();
        }
        await using (var w = await db.BeginBinaryImportAsync(
            "COPY bench_messages (id, from_address, from_display_name, reply_to, \"to\", cc, subject, body, sent_by, request_key, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            await w.StartRowAsync();
            await w.WriteAsync(id, NpgsqlDbType.Uuid);
            await w.WriteAsync("no-reply@bench.fr", NpgsqlDbType.Varchar);
            await w.WriteAsync("Radiologie", NpgsqlDbType.Varchar);
            await w.WriteAsync("retour@bench.fr", NpgsqlDbType.Varchar);
            await w.WriteAsync(new List<string> { "a@bench.fr", "b@bench.fr", "c@bench.fr" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await w.WriteAsync(new List<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await w.WriteAsync("Compte rendu", NpgsqlDbType.Varchar);
            await w.WriteAsync("Compte rendu ci-joint.", NpgsqlDbType.Text);
            await w.WriteAsync("bench", NpgsqlDbType.Varchar);
            await w.WriteAsync($"bench\n{id}", NpgsqlDbType.Varchar);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await w.CompleteAsync();
        }
        await using (var w = await db.BeginBinaryImportAsync(
            "COPY bench_attachments (message_id, position, file_name, content_type, sha256, size) FROM STDIN (FORMAT BINARY)"))
        {
            await w.WriteRowAsync(default, id, 0, "cr.pdf", "application/pdf", sha, (long)pdf.Length);
            await w.CompleteAsync();
        }
        await using (var w = await db.BeginBinaryImportAsync("COPY bench_entries (box_address, folder, message_id, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (box, folder) in new[] { ("a@bench.fr", "INBOX"), ("b@bench.fr", "INBOX"), ("c@bench.fr", "INBOX"), ("no-reply@bench.fr", "SENT") })
                await w.WriteRowAsync(default, box, folder, id, now);
            await w.CompleteAsync();
        }
        await tx.CommitAsync();
    });
    foreach (var db in connections) await db.DisposeAsync();
    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS bench_contents, bench_messages, bench_attachments, bench_entries", db);
        await drop.ExecuteNonQueryAsync();
    }
    return rate;
}

// Every message carries its own PDF (random bytes after the signature), so content addressing saves nothing.
static byte[] Pdf(int size)
{
    var bytes = new byte[size];
    Random.Shared.NextBytes(bytes);
    "%PDF-1.7\n"u8.CopyTo(bytes);
    return bytes;
}

static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

/// <summary>One structure per connector (its APP box), and one structure holding the 3 receiving ORG boxes.</summary>
sealed record World(List<(string ClientId, string Secret, string AppBox, MessageService.MessageServiceClient Client)> Senders, string[] Recipients)
{
    public static async Task<World> CreateAsync(int connectors)
    {
        var identity = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync());
        var structures = new StructureService.StructureServiceClient(identity);
        var accounts = new AccountService.AccountServiceClient(identity);
        var home = await structures.CreateStructureAsync(Accounts.NewStructure());
        var person = await Create(accounts, home.Id, Accounts.Per());
        var recipients = new string[3];
        for (var i = 0; i < 3; i++)
            recipients[i] = (await Create(accounts, home.Id, Accounts.Org(person.Email))).Email;

        var senders = new List<(string, string, string, MessageService.MessageServiceClient)>();
        for (var c = 0; c < connectors; c++)
        {
            var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
            var connector = await structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structure.Id, Name = $"RIS {c}" });
            var owner = await Create(accounts, structure.Id, Accounts.Per());
            var app = await Create(accounts, structure.Id, Accounts.App(owner.Email, recipients[0]));
            var token = await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret);
            senders.Add((connector.ClientId, connector.ClientSecret, app.Email,
                new MessageService.MessageServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl, token))));
        }
        // The projection must hold every box before sending.
        var boxes = new MailboxService.MailboxServiceClient(Channels.Create(TestEnvironment.MailboxGrpcUrl, await Tokens.OperatorAsync()));
        foreach (var address in recipients.Concat(senders.Select(s => s.Item3)))
            await Eventually.GetAsync(async () => await boxes.GetMailboxAsync(new GetMailboxRequest { Address = address }), b => b.State == "ACTIVE",
                TimeSpan.FromSeconds(60), $"{address} in Mailbox");
        return new World(senders, recipients);
    }

    public async Task SendGrpcAsync(int connector, byte[] pdf) =>
        await Senders[connector].Client.SendMessageAsync(new SendMessageRequest
        {
            Address = Senders[connector].AppBox,
            To = { Recipients },
            Subject = "Compte rendu",
            Body = "Compte rendu ci-joint.",
            Attachments = { new Attachment { FileName = "cr.pdf", ContentType = "application/pdf", Content = ByteString.CopyFrom(pdf) } },
            RequestId = Guid.NewGuid().ToString(),
        });

    public MimeMessage Mime(int connector, byte[] pdf)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Senders[connector].AppBox));
        foreach (var r in Recipients) message.To.Add(MailboxAddress.Parse(r));
        message.Subject = "Compte rendu";
        var body = new BodyBuilder { TextBody = "Compte rendu ci-joint." };
        body.Attachments.Add("cr.pdf", pdf, ContentType.Parse("application/pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    public async Task<SmtpClient> OpenSubmissionAsync(int connector, int port)
    {
        var client = new SmtpClient { ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=localhost" };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(Senders[connector].ClientId, Senders[connector].Secret);
        return client;
    }

    private static async Task<Account> Create(AccountService.AccountServiceClient accounts, string structureId, Account account) =>
        await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structureId, Account = account, RequestId = Guid.NewGuid().ToString() });
}
