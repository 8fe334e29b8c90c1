namespace Medimail.IdentityRegistry.Imports;

/// <summary>What one import accepts; beyond, the upload is refused with a clear message instead of tying the service up.</summary>
internal static class ImportLimits
{
    public const int MaxBytes = 50 * 1024 * 1024;
    public const int MaxRows = 200_000;
    /// <summary>Base64 in JSON makes 50 MB about 67 MB; the rest is the other fields.</summary>
    public const int MaxRequestBytes = 80 * 1024 * 1024;
    /// <summary>
    /// Rows checked and written per transaction (with their events and the job's progress). 2,000 halves the fixed
    /// costs per batch (the look-up query, COPY set-up, progress update, commit) of 1,000, while progress still moves
    /// every 2 % of a 100,000-row file and two prepared batches in the pipeline stay a few megabytes.
    /// </summary>
    public const int RowsPerTransaction = 2000;
    /// <summary>Accounts per AccountsImported event: the Directory and the Mailbox take them in batches of this size.</summary>
    public const int AccountsPerEvent = 500;
    /// <summary>
    /// How long the AccountsImported events of a running job wait for it to end, at most (they are released when it
    /// ends, SUCCEEDED or FAILED). A 200,000-row import takes well under a minute; a job nobody finishes, or one
    /// resumed long after a crash, does not keep its events back for longer than this.
    /// </summary>
    public static readonly TimeSpan MaxEventHold = TimeSpan.FromMinutes(30);
    /// <summary>GetImport lists this many errors and as many warnings; the counts give the totals.</summary>
    public const int MaxListedIssues = 10_000;
}
