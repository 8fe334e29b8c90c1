using System.Text;
using Medimail.Identity.V1;
using Medimail.Mailbox.V1;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// The real SMTP submission port of the Mailbox (STARTTLS, AUTH PLAIN with a connector's credentials), fed what a
/// broken or hostile client sends: refused with a 5xx saying why, nothing stored, every service ready, and the
/// Mailbox's memory bounded by its message limit rather than by what the client pushes.
/// </summary>
public sealed class SubmissionBadInputTests
{
    [Fact]
    public async Task Data_far_over_the_size_limit_without_a_declared_size_is_cut_off_with_bounded_memory()
    {
        var world = await SubmissionWorld.CreateAsync();
        await using var smtp = await RawSmtp.ConnectAsync(world.ClientId, world.ClientSecret);
        // No SIZE parameter: the server learns the size only from the bytes that arrive.
        Assert.Equal(250, (await smtp.SendAsync($"MAIL FROM:<{world.AppBox}>")).Code);
        Assert.Equal(250, (await smtp.SendAsync($"RCPT TO:<{world.OrgBox}>")).Code);
        Assert.Equal(354, (await smtp.SendAsync("DATA")).Code);
        const long sent = 64L * 1024 * 1024;
        var before = await world.MessagesFromAppAsync();
        var memory = MemoryWatch.Of("mailbox");

        var line = Encoding.ASCII.GetBytes(new string('A', 998) + "\r\n");
        var head = Encoding.ASCII.GetBytes($"From: <{world.AppBox}>\r\nTo: <{world.OrgBox}>\r\nSubject: trop gros\r\n\r\n");
        (int Code, string Text)? reply = null;
        try
        {
            await smtp.WriteAsync(head);
            var chunk = new byte[line.Length * 64];
            for (var i = 0; i < 64; i++) line.CopyTo(chunk, i * line.Length);
            for (long written = 0; written < sent; written += chunk.Length)
                await smtp.WriteAsync(chunk);
            await smtp.WriteAsync(Encoding.ASCII.GetBytes(".\r\n"));
            reply = await smtp.ReplyAsync();
        }
        catch (IOException)
        {
            // Cut off: the server closed the session once the limit was crossed.
        }

        Assert.True(reply is null or { Code: >= 500 }, $"the server answered {reply} to {sent / 1048576} MB of data");
        memory.AssertBounded(sent, 0.4, "a 64 MB DATA without SIZE");
        Assert.Equal(before, await world.MessagesFromAppAsync());
        await Doors.AssertAllReadyAsync();
    }

    [Fact]
    public async Task Data_that_is_not_a_mime_message_is_refused_with_a_5xx_saying_so()
    {
        var world = await SubmissionWorld.CreateAsync();
        await using var smtp = await RawSmtp.ConnectAsync(world.ClientId, world.ClientSecret);
        Assert.Equal(250, (await smtp.SendAsync($"MAIL FROM:<{world.AppBox}>")).Code);
        Assert.Equal(250, (await smtp.SendAsync($"RCPT TO:<{world.OrgBox}>")).Code);
        Assert.Equal(354, (await smtp.SendAsync("DATA")).Code);
        var before = await world.MessagesFromAppAsync();

        // Lines of random bytes (no CR or LF inside, none starting with a dot): a binary file pasted into DATA.
        var random = new Random(19);
        var garbage = new MemoryStream();
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 900)];
            random.NextBytes(bytes);
            for (var b = 0; b < bytes.Length; b++)
                if (bytes[b] is (byte)'\r' or (byte)'\n' || (b == 0 && bytes[b] == (byte)'.')) bytes[b] = 0xFF;
            garbage.Write(bytes);
            garbage.Write("\r\n"u8);
        }
        garbage.Write(".\r\n"u8);
        await smtp.WriteAsync(garbage.ToArray());
        var reply = await smtp.ReplyAsync();

        Assert.True(reply.Code >= 500, $"{reply.Code} {reply.Text}");
        Assert.Contains("MIME illisible", reply.Text);
        Assert.Equal(before, await world.MessagesFromAppAsync());
        await Doors.AssertAllReadyAsync();
    }

    /// <summary>A structure with a connector, a person, an ORG box and an APP box, the boxes ACTIVE in the Mailbox.</summary>
    private sealed record SubmissionWorld(string ClientId, string ClientSecret, string OrgBox, string AppBox)
    {
        public static async Task<SubmissionWorld> CreateAsync()
        {
            using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
            var structures = new StructureService.StructureServiceClient(channel);
            var accounts = new AccountService.AccountServiceClient(channel);
            var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
            var connector = await structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structure.Id, Name = "RIS " + Unique.Suffix() });
            async Task<Account> CreateAsync(Account account) => await accounts.CreateAccountAsync(new CreateAccountRequest
            {
                StructureId = structure.Id, Account = account, RequestId = Guid.NewGuid().ToString(),
            });
            var person = await CreateAsync(Accounts.Per());
            var org = await CreateAsync(Accounts.Org(person.Email));
            var app = await CreateAsync(Accounts.App(person.Email, org.Email));
            var boxes = new MailboxService.MailboxServiceClient(channel);
            foreach (var address in new[] { org.Email, app.Email })
                await Eventually.GetAsync(() => boxes.GetMailboxAsync(new GetMailboxRequest { Address = address }).ResponseAsync,
                    b => b.State == "ACTIVE", TimeSpan.FromSeconds(45), $"box {address} is ACTIVE in the Mailbox");
            return new SubmissionWorld(connector.ClientId, connector.ClientSecret, org.Email, app.Email);
        }

        public Task<long> MessagesFromAppAsync() =>
            Doors.CountAsync("mailbox", "SELECT count(*) FROM messages WHERE from_address = @a", ("a", AppBox));
    }
}
