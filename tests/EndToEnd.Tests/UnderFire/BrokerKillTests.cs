using Medimail.Testing;
using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests.UnderFire;

/// <summary>
/// RabbitMQ's Erlang VM killed (SIGKILL) in the middle of a 20,000-row import, then started again: nothing is lost or
/// applied twice, and the platform is back to its normal pace — the next import reaches the directory about as fast
/// as one before the kill (at filing it took 45 s instead of 10).
/// </summary>
public sealed class BrokerKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RabbitMQ_killed_mid_import_loses_nothing_and_the_next_import_converges_as_fast_as_one_before()
    {
        using var drill = await ImportDrill.CreateAsync(output);
        var before = await ImportDrill.Ledger.StartAsync();
        var normal = await drill.StartAsync("import before the kill");
        var normalSeconds = await drill.ConvergedAsync(normal);

        var hit = await drill.StartAsync("import hit by the kill");
        var atKill = await ImportDrill.MidImportAsync(hit);
        await Infra.RunAsync("rabbit-kill");
        var down = System.Diagnostics.Stopwatch.StartNew();
        await Infra.RunAsync("rabbit-start");
        output.WriteLine($"RabbitMQ killed with {atKill} of {ImportDrill.Rows} rows committed, back {down.Elapsed.TotalSeconds:F1} s later");
        // The events that failed while the broker was down must leave as soon as it is back, not after their back-off.
        var back = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.GetAsync(() => ImportDrill.Ledger.TakeAsync(before.Since), l => l.Unsent == 0, ImportDrill.ConvergeTimeout,
            "the outboxes drained after the restart");
        var drainedSeconds = back.Elapsed.TotalSeconds;
        await drill.ConvergedAsync(hit);
        output.WriteLine($"after the restart: outboxes drained in {drainedSeconds:F1} s, the hit import in the directory {back.Elapsed.TotalSeconds:F1} s");

        var next = await drill.StartAsync("next import after the restart");
        var nextSeconds = await drill.ConvergedAsync(next);
        await drill.AssertNothingLostAsync(before, normal, hit, next);

        // The same order as a normal run: a slow reconnect or a backed-off relay would add tens of seconds.
        var bound = 3 * normalSeconds + 5;
        output.WriteLine($"convergence: {normalSeconds:F1} s before the kill, {nextSeconds:F1} s after the restart (bound {bound:F1} s)");
        Assert.True(drainedSeconds <= normalSeconds + 5,
            $"the outboxes took {drainedSeconds:F1} s to drain after the restart, more than a whole normal import ({normalSeconds:F1} s) and 5 s");
        Assert.True(nextSeconds <= bound, $"the import after the restart took {nextSeconds:F1} s to reach the directory, one before the kill {normalSeconds:F1} s");
    }
}
