using System.Text.Json.Nodes;
using Medimail.Mailbox.V1;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>GetMailbox gives back what UpdateConnectionSettings set, per connection account, over gRPC and REST alike.</summary>
public sealed class ConnectionSettingsReadTests
{
    [Fact]
    public async Task GetMailbox_returns_the_settings_of_each_connection_account_over_grpc_and_rest()
    {
        var second = Unique.Email("camille.roux");
        var world = await MessagingWorld.CreateAsync(second);
        await (await MessagingWorld.OperatorMessagesAsync()).UpdateConnectionSettingsAsync(new UpdateConnectionSettingsRequest
        {
            Address = world.OrgBox, Email = second, IsDefault = true, ReceptionNotice = true,
        });
        var token = await Tokens.OperatorAsync();

        var box = await new MailboxService.MailboxServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl, token))
            .GetMailboxAsync(new GetMailboxRequest { Address = world.OrgBox });
        var byEmail = box.Connections.ToDictionary(c => c.Email);
        Assert.Equal(new[] { second, world.Person }.Order(StringComparer.Ordinal), box.Connections.Select(c => c.Email));
        Assert.True(byEmail[second].IsDefault && byEmail[second].ReceptionNotice);
        Assert.False(byEmail[world.Person].IsDefault || byEmail[world.Person].ReceptionNotice);
        Assert.All(box.Connections, c => Assert.Equal(world.OrgBox, c.Address));

        using var rest = Channels.Rest(token);
        var json = JsonNode.Parse(await rest.GetStringAsync($"/api/v1/mailboxes/{Uri.EscapeDataString(world.OrgBox)}"))!;
        var restSecond = json["connections"]!.AsArray().Single(c => c!["email"]!.GetValue<string>() == second)!;
        Assert.True(restSecond["isDefault"]!.GetValue<bool>());
        Assert.True(restSecond["receptionNotice"]!.GetValue<bool>());

        // A personal box has no connection accounts, hence no settings.
        var personal = await new MailboxService.MailboxServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl, token))
            .GetMailboxAsync(new GetMailboxRequest { Address = world.Person });
        Assert.Empty(personal.Connections);
    }
}
