using Medimail.Notification.Domain;

namespace Medimail.Notification.UnitTests;

public sealed class RelaunchTests
{
    private static Relaunch Started(string? requestId = "r-1") =>
        Relaunch.Start(Guid.NewGuid(), "structure-1", requestId, "admin@chu.fr", DateTimeOffset.UtcNow);

    [Fact]
    public void A_relaunch_is_recorded_started_before_any_link_is_issued()
    {
        var relaunch = Started();

        Assert.Equal(RelaunchStates.Started, relaunch.State);
        Assert.Equal(0, relaunch.RecipientCount);
        Assert.Empty(relaunch.Recipients);
    }

    [Fact]
    public void Issued_recipients_are_normalised_and_counted_once()
    {
        var relaunch = Started();

        relaunch.Issued(["Anne@Chu.fr ", "anne@chu.fr", "paul@chu.fr"], "CHU de Toulouse");

        Assert.Equal(RelaunchStates.Issued, relaunch.State);
        Assert.Equal(["anne@chu.fr", "paul@chu.fr"], relaunch.Recipients);
        Assert.Equal(2, relaunch.RecipientCount);
        Assert.Equal("CHU de Toulouse", relaunch.StructureName);
    }

    [Fact]
    public void A_blank_request_id_is_no_request_id()
    {
        Assert.Null(Started(requestId: "  ").RequestId);
    }

    [Fact]
    public void A_failure_keeps_a_bounded_error()
    {
        var relaunch = Started();

        relaunch.Failed(new string('e', 5000));

        Assert.Equal(RelaunchStates.Failed, relaunch.State);
        Assert.Equal(1000, relaunch.LastError!.Length);
    }
}
