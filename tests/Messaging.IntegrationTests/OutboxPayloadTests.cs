using System.Text.Json;
using Medimail.Contracts;
using Medimail.Messaging.Outbox;
using Medimail.Testing;

namespace Medimail.Messaging.IntegrationTests;

public sealed class OutboxPayloadTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public void Outbox_payload_leaves_nulls_out_and_reads_back_the_same_event()
    {
        var created = OutboxAtomicityTests.Created(Unique.Email("payload"));
        Assert.Null(created.Account.Rpps);
        using var db = fixture.NewContext();
        var row = db.AddOutboxMessage(created, DateTimeOffset.UtcNow);

        Assert.DoesNotContain("null", row.Payload);
        var read = (AccountCreated)JsonSerializer.Deserialize(row.Payload, ContractTypes.Resolve(row.MessageType), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(created.Account, read.Account with { ConnectionAccounts = created.Account.ConnectionAccounts });
        Assert.Empty(read.Account.ConnectionAccounts);
    }
}
