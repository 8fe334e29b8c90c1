using Medimail.Notification.Domain;

namespace Medimail.Notification.UnitTests;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new(8, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    [Fact]
    public void The_delay_doubles_with_each_attempt_from_the_base_delay()
    {
        // A jitter of 0.5 is the middle of the spread: exactly the nominal delay.
        Assert.Equal(TimeSpan.FromSeconds(30), Policy.DelayAfter(1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(60), Policy.DelayAfter(2, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(32), Policy.DelayAfter(7, 0.5));
    }

    [Fact]
    public void The_delay_never_exceeds_the_maximum() =>
        Assert.Equal(TimeSpan.FromHours(1), Policy.DelayAfter(40, 0.5));

    [Fact]
    public void Jitter_spreads_the_delay_by_twenty_percent_either_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(24), Policy.DelayAfter(1, 0));
        Assert.True(Policy.DelayAfter(1, 0.999) < TimeSpan.FromSeconds(36));
    }
}
