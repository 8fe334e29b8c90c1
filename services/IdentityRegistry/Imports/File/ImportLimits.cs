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
    /// <summary>
    /// A job stores (and GetImport lists) this many errors and as many warnings; beyond, only their number is kept
    /// (omitted_error_count, omitted_warning_count), so a file full of errors costs bounded storage.
    /// </summary>
    public const int MaxListedIssues = 10_000;
    /// <summary>
    /// Cells read per row: the loadusers template has 36 columns; a few more (notes a user added) are reported as
    /// unknown. A cell further right (a reference like ZZZZZ1) is skipped without materialising the ones before it.
    /// </summary>
    public const int MaxColumns = 64;
    /// <summary>The longest value a cell may hold (the longest loadusers field, a description, is far shorter).</summary>
    public const int MaxCellChars = 4096;
    /// <summary>An error message quotes at most this much of a value.</summary>
    public const int MaxQuotedChars = 120;
    /// <summary>The longest message an issue stores (the sentence and its excerpt).</summary>
    public const int MaxIssueMessageChars = 600;
    /// <summary>An XLSX's XML may inflate to this many bytes at most (a full 200,000-row file inflates to about 150 MB).</summary>
    public const long MaxInflatedBytes = 512L * 1024 * 1024;
    /// <summary>And to this many times the package's size (spreadsheets compress 5 to 20 times; zip bombs 1,000 times).</summary>
    public const int MaxInflationRatio = 100;
    /// <summary>A small package may inflate to this much whatever its ratio (a tiny file of repeated cells).</summary>
    public const long MinInflationAllowance = 8L * 1024 * 1024;
    /// <summary>The workbook part, read whole by the SDK, lists the sheets: a few KB in any real file.</summary>
    public const long MaxWorkbookPartChars = 4L * 1024 * 1024;
}
