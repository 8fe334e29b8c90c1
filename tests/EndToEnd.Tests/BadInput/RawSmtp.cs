using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// An SMTP submission session written by hand (STARTTLS, AUTH PLAIN, then any bytes), for what a well-behaved client
/// such as MailKit refuses to send: DATA without a declared SIZE, far beyond the limit, or bytes that are not MIME.
/// </summary>
internal sealed class RawSmtp : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private Stream stream;
    private StreamReader reader;

    private RawSmtp(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
        reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
    }

    public static int Port => int.Parse(Environment.GetEnvironmentVariable("MEDIMAIL_SUBMISSION_PORT")
        ?? throw new InvalidOperationException("MEDIMAIL_SUBMISSION_PORT is not set: run the tests through scripts/test.sh."));

    public static async Task<RawSmtp> ConnectAsync(string user, string secret)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Port);
        var smtp = new RawSmtp(tcp);
        await smtp.ExpectAsync(await smtp.ReplyAsync(), 220);
        await smtp.ExpectAsync(await smtp.SendAsync("EHLO bad-input.test"), 250);
        await smtp.ExpectAsync(await smtp.SendAsync("STARTTLS"), 220);
        // The development certificate is self-signed: trusted here as a client configured for it would.
        var tls = new SslStream(smtp.stream, leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate?.Subject == "CN=localhost");
        await tls.AuthenticateAsClientAsync("localhost");
        smtp.stream = tls;
        smtp.reader = new StreamReader(tls, Encoding.ASCII, false, 1024, leaveOpen: true);
        await smtp.ExpectAsync(await smtp.SendAsync("EHLO bad-input.test"), 250);
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{secret}"));
        await smtp.ExpectAsync(await smtp.SendAsync("AUTH PLAIN " + plain), 235);
        return smtp;
    }

    /// <summary>One command line; its (possibly multi-line) reply.</summary>
    public async Task<(int Code, string Text)> SendAsync(string line)
    {
        await WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        return await ReplyAsync();
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    public async Task<(int Code, string Text)> ReplyAsync()
    {
        var text = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync() ?? throw new IOException("the server closed the session");
            text.Append(line.Length > 4 ? line[4..] : "").Append(' ');
            if (line.Length < 4 || line[3] != '-')
                return (int.Parse(line[..3]), text.ToString().Trim());
        }
    }

    private Task ExpectAsync((int Code, string Text) reply, int code)
    {
        Assert.True(reply.Code == code, $"expected {code}, got {reply.Code} {reply.Text}");
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        tcp.Dispose();
    }
}
