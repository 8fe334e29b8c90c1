using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests.UnderFire;

/// <summary>
/// PostgreSQL stopped in immediate mode (every backend killed, no checkpoint: crash recovery at the start) in the
/// middle of a 20,000-row import, then started again: the import finishes, every row once in Identity-Registry and in
/// the Directory, the outboxes drain and nothing is dead-lettered.
/// </summary>
public sealed class PostgresCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PostgreSQL_restarted_in_immediate_mode_mid_import_loses_nothing_and_applies_nothing_twice()
    {
        using var drill = await ImportDrill.CreateAsync(output);
        var before = await ImportDrill.Ledger.StartAsync();
        var hit = await drill.StartAsync("import hit by the PostgreSQL crash");
        var atCrash = await ImportDrill.MidImportAsync(hit);
        var down = System.Diagnostics.Stopwatch.StartNew();
        await Infra.RunAsync("pg-restart-immediate");
        output.WriteLine($"PostgreSQL stopped in immediate mode with {atCrash} of {ImportDrill.Rows} rows committed, back {down.Elapsed.TotalSeconds:F1} s later");

        await drill.ConvergedAsync(hit);
        await drill.AssertNothingLostAsync(before, hit);
    }
}
