using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Mailbox.V1;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>
/// An ORG box shared by two people who signed in through the real flow (PKCE, person tokens): both see what it
/// receives, the trace names the one who read, and one removed from the box is refused at once.
/// </summary>
public sealed class SharedBoxTests
{
    [Fact]
    public async Task Both_connection_accounts_see_a_message_the_shared_box_received_and_the_trace_names_who_read_it()
    {
        var box = await SharedBox.CreateAsync();
        var sent = await box.SendFromConnectorAsync("Résultats de biologie");

        foreach (var person in new[] { box.First, box.Second })
        {
            var inbox = await person.Messages.ListMessagesAsync(new ListMessagesRequest { Address = box.OrgBox, Folder = "INBOX" });
            Assert.Equal(sent.Id, Assert.Single(inbox.Messages).Id);
        }
        var read = await box.Second.Messages.GetMessageAsync(new GetMessageRequest { Address = box.OrgBox, Id = sent.Id });
        Assert.Equal("Résultats de biologie", read.Subject);

        var traces = await (await MessagingWorld.OperatorMessagesAsync()).ListTracesAsync(new ListTracesRequest { Address = box.OrgBox });
        var readTrace = Assert.Single(traces.Traces, t => t.Action == "READ");
        Assert.Equal((box.Second.Email, "PERSON", "SUCCESS", sent.Id), (readTrace.Actor, readTrace.ActorKind, readTrace.Outcome, readTrace.MessageId));
    }

    [Fact]
    public async Task A_person_removed_from_the_shared_box_is_refused_at_once_and_no_longer_lists_it()
    {
        var box = await SharedBox.CreateAsync();
        Assert.Contains(box.OrgBox, await MyBoxesAsync(box.Second));

        var accounts = new AccountService.AccountServiceClient(Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync()));
        var org = await accounts.GetAccountAsync(new GetAccountRequest { Email = box.OrgBox });
        var edited = org.Clone();
        edited.ConnectionAccounts.Remove(box.Second.Email);
        var removedAt = System.Diagnostics.Stopwatch.StartNew();
        await accounts.UpdateAccountAsync(new UpdateAccountRequest { Account = edited, UpdateMask = new FieldMask { Paths = { "connectionAccounts" } } });
        // The change reaches Mailbox by event within seconds; from then on every call is checked against it, no session keeps the right.
        await MessagingWorld.WaitForBoxAsync(box.OrgBox, b => !b.ConnectionAccounts.Contains(box.Second.Email));
        Assert.InRange(removedAt.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));

        var listing = await Assert.ThrowsAsync<RpcException>(async () =>
            await box.Second.Messages.ListMessagesAsync(new ListMessagesRequest { Address = box.OrgBox, Folder = "INBOX" }));
        Assert.Equal(StatusCode.NotFound, listing.StatusCode);
        var sending = await Assert.ThrowsAsync<RpcException>(async () => await box.Second.Messages.SendMessageAsync(new SendMessageRequest
        {
            Address = box.OrgBox, To = { box.First.Email }, Subject = "Après mon départ", RequestId = Guid.NewGuid().ToString(),
        }));
        Assert.Equal(StatusCode.NotFound, sending.StatusCode);
        Assert.DoesNotContain(box.OrgBox, await MyBoxesAsync(box.Second));
        // The one still in the box keeps it.
        Assert.Contains(box.OrgBox, await MyBoxesAsync(box.First));
    }

    private static async Task<List<string>> MyBoxesAsync(SharedBox.Person person) =>
        (await person.Boxes.ListMyMailboxesAsync(new ListMyMailboxesRequest())).Mailboxes.Select(b => b.Address).ToList();
}

/// <summary>
/// Two ACTIVE people of one structure, signed in (person tokens through the gateway), both connection accounts of an
/// ORG box; a connector of the structure sends to the box from an APP box.
/// </summary>
public sealed record SharedBox(SharedBox.Person First, SharedBox.Person Second, string OrgBox, string AppBox, string ConnectorToken)
{
    public sealed record Person(string Email, MessageService.MessageServiceClient Messages, MailboxService.MailboxServiceClient Boxes);

    public static async Task<SharedBox> CreateAsync()
    {
        var first = await ActivePeople.CreateAsync();
        var second = await ActivePeople.CreateAsync(structureId: first.StructureId);
        var identity = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync());
        var accounts = new AccountService.AccountServiceClient(identity);
        var orgRequest = Accounts.Org(first.Email);
        orgRequest.ConnectionAccounts.Add(second.Email);
        var org = await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = first.StructureId, Account = orgRequest, RequestId = Guid.NewGuid().ToString() });
        var app = await accounts.CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = first.StructureId, Account = Accounts.App(first.Email, org.Email), RequestId = Guid.NewGuid().ToString(),
        });
        var connector = await new StructureService.StructureServiceClient(identity)
            .CreateConnectorAsync(new CreateConnectorRequest { StructureId = first.StructureId, Name = "Logiciel de biologie" });

        await MessagingWorld.WaitForBoxAsync(app.Email, b => b.State == "ACTIVE");
        await MessagingWorld.WaitForBoxAsync(org.Email, b => b.State == "ACTIVE" && b.ConnectionAccounts.Count == 2);
        return new SharedBox(await SignInAsync(first), await SignInAsync(second), org.Email, app.Email,
            await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret));
    }

    public async Task<Message> SendFromConnectorAsync(string subject) =>
        await new MessageService.MessageServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl, ConnectorToken))
            .SendMessageAsync(new SendMessageRequest { Address = AppBox, To = { OrgBox }, Subject = subject, RequestId = Guid.NewGuid().ToString() });

    private static async Task<Person> SignInAsync(ActivePerson person)
    {
        var tokens = await PersonSignIn.SignInAsync(TestEnvironment.GatewayUrl, person.Email, person.Password);
        var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, tokens.AccessToken);
        return new Person(person.Email, new MessageService.MessageServiceClient(channel), new MailboxService.MailboxServiceClient(channel));
    }
}
