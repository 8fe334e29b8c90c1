using System.Diagnostics.Metrics;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// <c>medimail_import_rows_total{outcome="created|rejected"}</c>, counted as each batch commits, and
/// <c>medimail_import_jobs_total{outcome="succeeded|failed"}</c>, as jobs end on this replica.
/// </summary>
internal static class ImportMetrics
{
    private static readonly Meter Meter = new("Medimail.Imports");
    private static readonly Counter<long> Rows = Meter.CreateCounter<long>("medimail.import.rows", description: "Import rows committed, by outcome.");
    private static readonly Counter<long> Jobs = Meter.CreateCounter<long>("medimail.import.jobs", description: "Import jobs ended, by outcome.");

    public static void BatchCommitted(int created, int rejected)
    {
        Rows.Add(created, new KeyValuePair<string, object?>("outcome", "created"));
        Rows.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
    }

    public static void JobEnded(string finalState) =>
        Jobs.Add(1, new KeyValuePair<string, object?>("outcome", finalState == ImportStates.Succeeded ? "succeeded" : "failed"));
}
