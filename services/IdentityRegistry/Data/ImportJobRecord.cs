namespace Medimail.IdentityRegistry.Data;

/// <summary>
/// One loadusers import. The uploaded file is kept with the job so that the worker can resume it after a restart;
/// <see cref="ProcessedRows"/> moves in the same transaction as each batch's accounts and events, so a batch is
/// either wholly done (and skipped on resume) or not done at all.
/// </summary>
public sealed class ImportJobRecord
{
    public Guid Id { get; set; }
    public Guid StructureId { get; set; }
    /// <summary>RUNNING, SUCCEEDED or FAILED (the API's names).</summary>
    public string State { get; set; } = "";
    public bool DryRun { get; set; }
    public bool SendInvitations { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>Who started it, as events name them (never a credential).</summary>
    public string RequestedBy { get; set; } = "";
    /// <summary>The file as uploaded; emptied once the job is finished.</summary>
    public byte[] Content { get; set; } = [];
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int CreatedCount { get; set; }
    public int RejectedCount { get; set; }
    /// <summary>Errors beyond the <see cref="Imports.ImportLimits.MaxListedIssues"/> stored: counted, not kept.</summary>
    public int OmittedErrors { get; set; }
    /// <summary>Warnings beyond the ones stored: counted, not kept.</summary>
    public int OmittedWarnings { get; set; }
    /// <summary>Why a FAILED job stopped (French, for the administrator).</summary>
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The progress a worker found when it last took the job up (-1: never taken up).</summary>
    public int ResumedAtRow { get; set; } = -1;
    /// <summary>How many times in a row the job was taken up without any progress since the previous time.</summary>
    public int StalledRuns { get; set; }
}

/// <summary>One error or warning of an import: the spreadsheet row, the loadusers column, the French message.</summary>
public sealed class ImportIssueRecord
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int Line { get; set; }
    public string Column { get; set; } = "";
    public string Message { get; set; } = "";
    public bool IsError { get; set; }
}
