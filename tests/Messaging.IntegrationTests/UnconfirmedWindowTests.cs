using Medimail.Messaging.Outbox;

namespace Medimail.Messaging.IntegrationTests;

/// <summary>The relay's bound on payload waiting for confirms (no broker needed: publishes are plain tasks here).</summary>
public sealed class UnconfirmedWindowTests
{
    [Fact]
    public async Task Room_for_a_publish_past_the_budget_is_made_by_waiting_for_the_oldest()
    {
        var window = new UnconfirmedWindow(maxBytes: 10);
        var (oldest, second) = (new TaskCompletionSource(), new TaskCompletionSource());
        window.Add(oldest.Task, 6);
        window.Add(second.Task, 3);

        var room = window.MakeRoomAsync(4);
        Assert.False(room.IsCompleted, "6 + 3 + 4 bytes exceed the budget of 10 while the oldest is unconfirmed");

        oldest.SetResult();
        await room.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, window.PendingBytes);
    }

    [Fact]
    public async Task A_publish_within_the_budget_does_not_wait()
    {
        var window = new UnconfirmedWindow(maxBytes: 10);
        window.Add(new TaskCompletionSource().Task, 6);

        await window.MakeRoomAsync(4).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(6, window.PendingBytes);
    }

    [Fact]
    public async Task A_failed_publish_makes_room_like_a_confirmed_one_and_a_row_larger_than_the_budget_goes_alone()
    {
        var window = new UnconfirmedWindow(maxBytes: 10);
        window.Add(Task.FromException(new InvalidOperationException("nack")), 4);

        await window.MakeRoomAsync(50).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, window.PendingBytes);
    }
}
