using Medimail.Testing;
using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests.UnderFire;

/// <summary>
/// RabbitMQ's Erlang VM killed (SIGKILL) in the middle of a 20,000-row import, then started again once publishes failed
/// into the outage: those events are sent after the restart, nothing is lost or applied twice, and the platform is back
/// to its normal pace — the next import reaches the directory about as fast as one before the kill (at filing it took
/// 45 s instead of 10).
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
        // The import holds its events until it ends (OutboxHolds), so a restart quicker than the rest of the import
        // would leave nothing to fail and the test would prove nothing. The broker stays down until the relay has tried
        // some of them and failed, however fast the import runs. rabbitmqctl cannot count dead letters meanwhile.
        const int expectedEvents = 2 * ImportDrill.EventsPerImport;
        var outage = await Eventually.GetAsync(() => ImportDrill.Ledger.TakeAsync(before.Since, countDeadLetters: false), l => l.Failed > 0,
            ImportDrill.ConvergeTimeout, "an event of the hit import failed to publish while RabbitMQ was down", l => l.Describe(expectedEvents));
        Assert.True(outage.FailedSent == 0, $"{outage.FailedSent} of the {outage.Failed} events that failed were marked sent while RabbitMQ was down");
        await Infra.RunAsync("rabbit-start");
        output.WriteLine($"RabbitMQ killed with {atKill} of {ImportDrill.Rows} rows committed, {outage.Failed} of {outage.Events} events " +
            $"failed to publish while it was down, back {down.Elapsed.TotalSeconds:F1} s later");
        // The events that failed while the broker was down must leave as soon as it is back, not after their back-off.
        var back = System.Diagnostics.Stopwatch.StartNew();
        var drained = await Eventually.GetAsync(() => ImportDrill.Ledger.TakeAsync(before.Since), l => l.Unsent == 0, ImportDrill.ConvergeTimeout,
            "the outboxes drained after the restart", l => l.Describe(expectedEvents, before));
        var drainedSeconds = back.Elapsed.TotalSeconds;
        Assert.True(drained.Failed >= outage.Failed && drained.FailedSent == drained.Failed,
            $"of the {outage.Failed} events that failed during the outage, {drained.FailedSent} of {drained.Failed} were sent after the restart");
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
