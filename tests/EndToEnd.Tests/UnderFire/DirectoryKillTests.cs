using Medimail.Testing;
using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests.UnderFire;

/// <summary>
/// The Directory killed (SIGKILL) while it projects a 20,000-row import, then started again: the events it had not
/// acknowledged come back from RabbitMQ, the ones it had committed are recognised, and every account ends in the
/// directory once.
/// </summary>
public sealed class DirectoryKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_Directory_killed_mid_projection_ends_with_every_row_once_and_every_event_applied_once()
    {
        using var drill = await ImportDrill.CreateAsync(output);
        var before = await ImportDrill.Ledger.StartAsync();
        var hit = await drill.StartAsync("import whose projection is hit by the kill");
        var atKill = await Eventually.GetAsync(() => ImportDrill.EntriesAsync(hit.StructureId), n => n > 0,
            ImportDrill.ConvergeTimeout, "the first accounts of the import in the directory");
        output.WriteLine(await PlatformControl.KillAsync("directory"));
        var projected = await ImportDrill.EntriesAsync(hit.StructureId);
        output.WriteLine($"Directory killed with {atKill}+ of {ImportDrill.Rows} entries projected ({projected} committed at the kill)");
        Assert.True(projected < ImportDrill.Rows, $"the kill must land mid-projection: {projected} of {ImportDrill.Rows} entries were in");
        output.WriteLine(await PlatformControl.StartAsync("directory"));

        await drill.ConvergedAsync(hit);
        await drill.AssertNothingLostAsync(before, hit);
    }
}
