using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Medimail.SmtpSink;

/// <summary>
/// Enough ESMTP for MailKit and smtp-source: EHLO/HELO, MAIL, RCPT, DATA (dot-unstuffed), RSET, NOOP, QUIT,
/// with PIPELINING and 8BITMIME advertised. Faults on request: "tempfail" answers 451 to the next N MAIL commands,
/// "down" closes the listener and every open connection until "accept", "slow:MS" holds each message MS milliseconds
/// before accepting it (so that a test can stop the platform in the middle of a send).
/// </summary>
public sealed class SmtpServer(int port, MessageStore store, ILogger<SmtpServer> logger) : IHostedService
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<TcpClient, byte> connections = new();
    private TcpListener? listener;
    private int tempFailuresLeft;
    private int delayPerMessageMs;
    private CancellationTokenSource stopping = new();
    private long connectionsAccepted, connectionsCut, messagesOnCutConnections;

    /// <summary>
    /// Connections open now, accepted since the start, and cut (ended without QUIT: the client died, or "down") with
    /// the messages accepted on those: a client killed mid-send can have sent again at most the latter.
    /// </summary>
    public (int Open, long Accepted, long Cut, long MessagesOnCut) Connections =>
        (connections.Count, Interlocked.Read(ref connectionsAccepted), Interlocked.Read(ref connectionsCut), Interlocked.Read(ref messagesOnCutConnections));

    public string Mode
    {
        get
        {
            lock (gate)
                return listener is null ? "down"
                    : tempFailuresLeft > 0 ? $"tempfail:{tempFailuresLeft}"
                    : delayPerMessageMs > 0 ? $"slow:{delayPerMessageMs}" : "accept";
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Up();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopping.Cancel();
        Down();
        return Task.CompletedTask;
    }

    /// <summary>Listening and accepting every transaction.</summary>
    public void Accept()
    {
        lock (gate) (tempFailuresLeft, delayPerMessageMs) = (0, 0);
        Up();
    }

    public void TempFail(int transactions)
    {
        Up();
        lock (gate) tempFailuresLeft = transactions;
    }

    /// <summary>Accepting every transaction, each after a delay of its own.</summary>
    public void Slow(int millisecondsPerMessage)
    {
        Up();
        lock (gate) (tempFailuresLeft, delayPerMessageMs) = (0, millisecondsPerMessage);
    }

    /// <summary>As a crashed server: connections refused, open ones cut.</summary>
    public void Down()
    {
        lock (gate)
        {
            listener?.Stop();
            listener = null;
        }
        foreach (var client in connections.Keys)
        {
            try { client.Client.Close(0); } catch (ObjectDisposedException) { }
        }
    }

    private void Up()
    {
        lock (gate)
        {
            if (listener is not null)
                return;
            var started = new TcpListener(IPAddress.Loopback, port);
            started.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            started.Start(512);
            listener = started;
            _ = AcceptLoopAsync(started);
        }
    }

    private async Task AcceptLoopAsync(TcpListener from)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await from.AcceptTcpClientAsync(stopping.Token); }
            catch (Exception) { return; } // stopped: "down" or shutdown
            client.NoDelay = true;
            connections[client] = 0;
            Interlocked.Increment(ref connectionsAccepted);
            _ = Task.Run(async () =>
            {
                var session = new Session();
                try { await ServeAsync(client, session); }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    // The client or "down" cut the connection.
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "SMTP session failed");
                }
                finally
                {
                    if (!session.Quit)
                    {
                        Interlocked.Increment(ref connectionsCut);
                        Interlocked.Add(ref messagesOnCutConnections, session.Messages);
                    }
                    connections.TryRemove(client, out _);
                    client.Dispose();
                }
            });
        }
    }

    private bool TakeTempFailure()
    {
        lock (gate)
        {
            if (tempFailuresLeft <= 0)
                return false;
            tempFailuresLeft--;
            return true;
        }
    }

    private async Task ServeAsync(TcpClient client, Session session)
    {
        var stream = client.GetStream();
        var reader = PipeReader.Create(stream);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = false };
        string? from = null;
        var to = new List<string>();

        await Reply("220 smtpsink.localhost ESMTP Medimail test sink");
        while (true)
        {
            var line = await ReadLineAsync(reader, stopping.Token);
            if (line is null)
                return;
            var text = Encoding.UTF8.GetString(line);
            var verb = (text.Length >= 4 ? text[..4] : text).ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await Reply("250-smtpsink.localhost\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800");
                    break;
                case "HELO":
                    await Reply("250 smtpsink.localhost");
                    break;
                case "MAIL":
                    if (TakeTempFailure())
                    {
                        from = null;
                        await Reply("451 4.3.0 Temporary failure requested by the test");
                        break;
                    }
                    from = AddressOf(text);
                    to.Clear();
                    await Reply("250 2.1.0 Ok");
                    break;
                case "RCPT":
                    if (from is null) { await Reply("503 5.5.1 MAIL first"); break; }
                    to.Add(AddressOf(text));
                    await Reply("250 2.1.5 Ok");
                    break;
                case "DATA":
                    if (from is null || to.Count == 0) { await Reply("503 5.5.1 MAIL and RCPT first"); break; }
                    await Reply("354 End data with <CR><LF>.<CR><LF>");
                    var raw = await ReadDataAsync(reader, stopping.Token);
                    if (raw is null)
                        return;
                    int delay;
                    lock (gate) delay = delayPerMessageMs;
                    if (delay > 0)
                        await Task.Delay(delay, stopping.Token);
                    var stored = store.Add(from, to.ToArray(), raw);
                    session.Messages++;
                    from = null;
                    to.Clear();
                    await Reply($"250 2.0.0 Ok: queued as {stored.Sequence}");
                    break;
                case "RSET":
                    from = null;
                    to.Clear();
                    await Reply("250 2.0.0 Ok");
                    break;
                case "NOOP":
                    await Reply("250 2.0.0 Ok");
                    break;
                case "QUIT":
                    session.Quit = true;
                    await Reply("221 2.0.0 Bye");
                    return;
                default:
                    await Reply("502 5.5.2 Command not implemented");
                    break;
            }
        }

        async Task Reply(string reply)
        {
            // With PIPELINING the client may have sent more commands: flush only when it waits for us.
            await writer.WriteLineAsync(reply);
            await writer.FlushAsync();
        }
    }

    /// <summary>What one connection did: messages accepted, and whether the client said QUIT.</summary>
    private sealed class Session
    {
        public long Messages;
        public bool Quit;
    }

    /// <summary>"MAIL FROM:&lt;a@b&gt; SIZE=12" → "a@b".</summary>
    private static string AddressOf(string command)
    {
        var open = command.IndexOf('<');
        var close = command.IndexOf('>', Math.Max(open, 0));
        if (open >= 0 && close > open)
            return command[(open + 1)..close];
        var colon = command.IndexOf(':');
        return colon >= 0 ? command[(colon + 1)..].Trim().Split(' ')[0] : "";
    }

    /// <summary>One line without its CRLF, or null at the end of the stream.</summary>
    private static async Task<byte[]?> ReadLineAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } end)
            {
                var line = buffer.Slice(0, end).ToArray();
                reader.AdvanceTo(buffer.GetPosition(1, end));
                return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
                return null;
        }
    }

    /// <summary>The DATA section up to the lone dot, dot-unstuffed, lines ending with CRLF.</summary>
    private static async Task<byte[]?> ReadDataAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        using var data = new MemoryStream();
        while (true)
        {
            var line = await ReadLineAsync(reader, cancellationToken);
            if (line is null)
                return null;
            if (line is [(byte)'.'])
                return data.ToArray();
            var start = line.Length > 0 && line[0] == '.' ? 1 : 0;
            data.Write(line, start, line.Length - start);
            data.Write("\r\n"u8);
        }
    }
}
