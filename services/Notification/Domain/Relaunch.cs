namespace Medimail.Notification.Domain;

/// <summary>
/// A structure's relaunch: who asked and when, and whom Identity-Registry gave a fresh link. Written STARTED before
/// Identity is called, so a relaunch is never sent without a record; at most one per structure is STARTED at a time
/// (a unique partial index), which is how two simultaneous requests send only once.
/// </summary>
public sealed class Relaunch
{
    public Guid Id { get; set; }
    public string StructureId { get; set; } = "";
    public string? RequestId { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string State { get; set; } = RelaunchStates.Started;
    public string? StructureName { get; set; }
    public List<string> Recipients { get; set; } = [];
    public int RecipientCount { get; set; }
    public string? LastError { get; set; }

    public static Relaunch Start(Guid id, string structureId, string? requestId, string requestedBy, DateTimeOffset now) => new()
    {
        Id = id,
        StructureId = structureId,
        RequestId = string.IsNullOrWhiteSpace(requestId) ? null : requestId,
        RequestedBy = requestedBy,
        CreatedAt = now,
        State = RelaunchStates.Started,
    };

    public void Issued(IReadOnlyList<string> recipients, string structureName)
    {
        Recipients = recipients.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        RecipientCount = Recipients.Count;
        StructureName = structureName;
        State = RelaunchStates.Issued;
    }

    /// <summary>Every recipient's mail reached a final state and the outcome went to the audit (RelaunchDeliveryReports).</summary>
    public void Delivered() => State = RelaunchStates.Delivered;

    public void Failed(string error)
    {
        State = RelaunchStates.Failed;
        LastError = error.Length <= 1000 ? error : error[..1000];
    }

    /// <summary>A STARTED relaunch this old was cut short by a crash: it no longer blocks the next one.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Default of <c>Relaunch:RepeatWindow</c>: a second request for the same structure this soon after one that
    /// succeeded gets that one back instead of sending everyone a second mail (a double click, two administrators at once).
    /// </summary>
    public static readonly TimeSpan DefaultRepeatWindow = TimeSpan.FromSeconds(60);
}

public static class RelaunchStates
{
    public const string Started = "STARTED";
    public const string Issued = "ISSUED";
    /// <summary>Issued, and its delivery reported to the audit: still a relaunch that reached people.</summary>
    public const string Delivered = "DELIVERED";
    public const string Failed = "FAILED";
}
