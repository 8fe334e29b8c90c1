using System.Text.Json;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Logging;

namespace Medimail.IdentityRegistry.Audit;

/// <summary>
/// The one way to record an act: adds the entry to the context the change is saved with, so the same SaveChanges (the
/// same transaction) commits both or neither. Call it before that SaveChanges, never after.
/// </summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditEntryRecord Add(IdentityDbContext db, AuditDraft draft, DateTimeOffset? time = null)
    {
        var entry = new AuditEntryRecord
        {
            Time = time ?? DateTimeOffset.UtcNow,
            Actor = Cut(draft.Actor.Name, 254),
            ActorRole = draft.Actor.Role,
            Action = draft.Action,
            Target = Cut(draft.Target, 254),
            StructureId = draft.StructureId,
            Before = draft.Before is null ? null : JsonSerializer.Serialize(draft.Before, Json),
            After = draft.After is null ? null : JsonSerializer.Serialize(draft.After, Json),
            Outcome = draft.Outcome,
            Detail = draft.Detail is null ? null : Cut(draft.Detail, 2000),
            CorrelationId = CorrelationId.Current,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
