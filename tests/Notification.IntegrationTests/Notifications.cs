using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.Notification.IntegrationTests;

/// <summary>The operator's view of the mail history, polled until a recipient's mail reaches a state.</summary>
internal static class Notifications
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<NotificationService.NotificationServiceClient> ClientAsync() =>
        new(Channels.Create(TestEnvironment.NotificationGrpcUrl, await Tokens.OperatorAsync()));

    public static async Task<IReadOnlyList<V1.Notification>> OfAsync(string recipient)
    {
        var client = await ClientAsync();
        return (await client.ListNotificationsAsync(new ListNotificationsRequest { Recipient = recipient },
            deadline: DateTime.UtcNow.AddSeconds(10))).Notifications;
    }

    public static async Task<IReadOnlyList<V1.Notification>> WaitAsync(string recipient, Func<IReadOnlyList<V1.Notification>, bool> done, string what) =>
        await Eventually.GetAsync(() => OfAsync(recipient), done, Patience, $"{what} ({recipient})");
}

/// <summary>
/// Tests that change the SMTP sink's mode or kill the Notification service: one at a time, after the others, since
/// every mail of the platform goes through the same sink and the same service.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlatformFaults
{
    public const string Name = "Platform faults";
}
