using Medimail.Mailbox.V1;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>A shared box receives mail: the connection accounts that asked for a reception notice get one, the others none.</summary>
public sealed class ReceptionNoticeTests
{
    [Fact]
    public async Task A_reception_notice_reaches_the_connection_account_that_asked_for_it_and_no_other()
    {
        var quiet = Unique.Email("leo.martin");
        var world = await MessagingWorld.CreateAsync(quiet);
        var settings = await (await MessagingWorld.OperatorMessagesAsync()).UpdateConnectionSettingsAsync(new UpdateConnectionSettingsRequest
        {
            Address = world.OrgBox, Email = world.Person, ReceptionNotice = true,
        });
        Assert.True(settings.ReceptionNotice);

        await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "Résultat confidentiel", Body = "Contenu médical",
        });

        var notices = await SentMail.WaitForAsync(world.Person, MessagingWorld.Patience);
        var notice = Assert.Single(notices);
        Assert.DoesNotContain("Résultat confidentiel", notice.Subject + notice.TextBody);
        Assert.DoesNotContain("Contenu médical", notice.TextBody);
        // Both would have been queued by the same event: the notice to the one who asked is the positive signal.
        Assert.Empty(await SentMail.ToAsync(quiet));
    }

    [Fact]
    public async Task Only_an_admin_sets_connection_settings_and_only_for_a_connection_account()
    {
        var world = await MessagingWorld.CreateAsync();
        var asConnector = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(async () =>
            await world.ConnectorMessages().UpdateConnectionSettingsAsync(new UpdateConnectionSettingsRequest
            {
                Address = world.OrgBox, Email = world.Person, ReceptionNotice = true,
            }));
        Assert.Contains(asConnector.StatusCode, new[] { global::Grpc.Core.StatusCode.NotFound, global::Grpc.Core.StatusCode.PermissionDenied });

        var stranger = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(async () =>
            await (await MessagingWorld.OperatorMessagesAsync()).UpdateConnectionSettingsAsync(new UpdateConnectionSettingsRequest
            {
                Address = world.OrgBox, Email = Unique.Email("inconnu"), IsDefault = true,
            }));
        Assert.Equal(global::Grpc.Core.StatusCode.NotFound, stranger.StatusCode);
    }
}
