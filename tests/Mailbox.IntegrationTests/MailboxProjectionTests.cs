using Grpc.Core;
using Medimail.Contracts;
using Medimail.Mailbox.V1;
using Medimail.Testing;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>Identity-Registry's account events, published on the real broker, reach GetMailbox once and in version order.</summary>
public sealed class MailboxProjectionTests(TestBus bus) : IClassFixture<TestBus>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    /// <summary>The Mailbox's queue of AccountCreated (service name, then the consumer's): once drained, a duplicate was consumed.</summary>
    private const string CreatedQueue = "mailbox-account-created";

    [Fact]
    public async Task An_org_box_created_with_two_connection_accounts_is_returned_with_both()
    {
        var address = Unique.Email("secretariat");
        var first = Unique.Email("camille.durand");
        var second = Unique.Email("leo.martin");
        var structureId = Guid.NewGuid().ToString();

        await bus.PublishAsync(new AccountCreated(Org(address, 1, "Secrétariat de l'EHPAD", first, second.ToUpperInvariant()) with
        {
            StructureId = structureId,
            MssanteAddress = "secretariat@ehpad.mssante.fr",
        }, "admin@ehpad.fr"), Guid.NewGuid());

        var box = await WaitForAsync(address, b => b.ConnectionAccounts.Count == 2);
        Assert.Equal("ORG", box.Type);
        Assert.Equal("ACTIVE", box.State);
        Assert.Equal("Secrétariat de l'EHPAD", box.DisplayName);
        Assert.Equal(structureId, box.StructureId);
        Assert.Equal("secretariat@ehpad.mssante.fr", box.MssanteAddress);
        Assert.Equal(new[] { first, second }.Order(), box.ConnectionAccounts.Order());
    }

    [Fact]
    public async Task A_duplicate_delivery_of_an_event_is_applied_once()
    {
        var address = Unique.Email("secretariat");
        var messageId = Guid.NewGuid();
        await bus.PublishAsync(new AccountCreated(Org(address, 1, "Premier"), "admin@ehpad.fr"), messageId);
        await WaitForAsync(address, b => b.DisplayName == "Premier");

        // Same message id, different content and a higher version: only the message-id check can stop it.
        var errors = await Queues.ErrorsAsync(CreatedQueue);
        await bus.PublishAsync(new AccountCreated(Org(address, 2, "Doublon"), "admin@ehpad.fr"), messageId);
        await Queues.DrainedAsync(CreatedQueue, errors);

        Assert.Equal("Premier", (await GetAsync(address)).DisplayName);
    }

    [Fact]
    public async Task An_older_version_does_not_overwrite_a_newer_one()
    {
        var address = Unique.Email("secretariat");
        var connection = Unique.Email("camille.durand");
        await bus.PublishAsync(new AccountCreated(Org(address, 5, "Version 5", connection), "admin@ehpad.fr"), Guid.NewGuid());
        await WaitForAsync(address, b => b.DisplayName == "Version 5");

        var older = Guid.NewGuid();
        await bus.PublishAsync(new AccountUpdated(Org(address, 3, "Version 3") with { State = "DISABLED" }, "admin@ehpad.fr"), older);
        await ProcessedMessages.WaitAsync("mailbox", older);
        var kept = await GetAsync(address);
        Assert.Equal("Version 5", kept.DisplayName);
        Assert.Equal("ACTIVE", kept.State);
        Assert.Equal([connection], kept.ConnectionAccounts);

        // And a newer one still goes through: the older one was ignored, not the queue stuck.
        await bus.PublishAsync(new AccountUpdated(Org(address, 6, "Version 6"), "admin@ehpad.fr"), Guid.NewGuid());
        await WaitForAsync(address, b => b.DisplayName == "Version 6" && b.ConnectionAccounts.Count == 0);
    }

    [Fact]
    public async Task An_unknown_box_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await (await ClientAsync()).GetMailboxAsync(new GetMailboxRequest { Address = Unique.Email("nobody") }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task An_operator_has_no_boxes_of_its_own_to_list()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await (await ClientAsync()).ListMyMailboxesAsync(new ListMyMailboxesRequest()));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    private static AccountSnapshot Org(string address, long version, string description, params string[] connectionAccounts) => new()
    {
        Email = address,
        Type = "ORG",
        State = "ACTIVE",
        StructureId = "integration-tests",
        Version = version,
        LastName = "Secrétariat",
        FirstName = "EHPAD Les Mimosas",
        Description = description,
        ConnectionAccounts = connectionAccounts,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    private static async Task<MailboxService.MailboxServiceClient> ClientAsync() =>
        new(Channels.Create(TestEnvironment.MailboxGrpcUrl, await Tokens.OperatorAsync()));

    private static async Task<V1.Mailbox> WaitForAsync(string address, Func<V1.Mailbox, bool> done)
    {
        var client = await ClientAsync();
        return await Eventually.GetAsync(
            async () => await client.GetMailboxAsync(new GetMailboxRequest { Address = address }, deadline: DateTime.UtcNow.AddSeconds(5)),
            done, Patience, $"mailbox {address} reaches the expected state");
    }

    private static async Task<V1.Mailbox> GetAsync(string address) =>
        await (await ClientAsync()).GetMailboxAsync(new GetMailboxRequest { Address = address }, deadline: DateTime.UtcNow.AddSeconds(5));
}
