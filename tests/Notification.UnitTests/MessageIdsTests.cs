using Medimail.Notification.Domain;

namespace Medimail.Notification.UnitTests;

public sealed class MessageIdsTests
{
    [Fact]
    public void The_message_id_is_the_notification_id_at_the_senders_domain()
    {
        var id = Guid.Parse("0b3c8a52-1f07-4a4e-9a43-6f1d2b0c9e11");
        Assert.Equal("0b3c8a521f074a4e9a436f1d2b0c9e11@medimail.fr", MessageIds.For(id, "ne-pas-repondre@medimail.fr"));
        Assert.Equal("0b3c8a521f074a4e9a436f1d2b0c9e11@medimail.localhost", MessageIds.For(id, ""));
    }
}
