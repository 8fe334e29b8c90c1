namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// Where one import spent its time, per stage, summed over its batches: what the job's closing log line says, so a
/// slow import tells which side of the pipeline bounds it (reading and checking, or writing). The two sides run on
/// different threads; each field is only ever added to by one of them.
/// </summary>
internal sealed class ImportTimings(TimeProvider clock)
{
    /// <summary>Parsing, RowDrafts and normalising (in parallel).</summary>
    public TimeSpan Reading;
    /// <summary>The one query per batch for the existing accounts its rows name.</summary>
    public TimeSpan LookingUp;
    /// <summary>The rules, the records and the events.</summary>
    public TimeSpan Checking;
    /// <summary>The accounts' COPY.</summary>
    public TimeSpan Copying;
    /// <summary>Events, invitations, issues, progress and the commit.</summary>
    public TimeSpan Committing;

    public void Add(ref TimeSpan stage, long startedAt) => stage += clock.GetElapsedTime(startedAt);

    public override string ToString() =>
        $"preparing: reading {Reading.TotalSeconds:F1} s, looking up {LookingUp.TotalSeconds:F1} s, checking {Checking.TotalSeconds:F1} s; " +
        $"writing: copying {Copying.TotalSeconds:F1} s, events and commit {Committing.TotalSeconds:F1} s";
}
