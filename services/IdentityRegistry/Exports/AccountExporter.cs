using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Exports;

internal enum ExportFormat { Csv, Xlsx }

/// <summary>
/// The account list in the loadusers columns, filtered like the search. Accounts are read as a stream from the
/// database and written in chunks, so 100,000 accounts never sit in memory together. People come first, then ORG,
/// then APP boxes: an ORG's connection accounts then precede it, and the file imports back in one pass.
/// </summary>
internal sealed class AccountExporter(IdentityDbContext db)
{
    /// <summary>Chunks of about this size are handed to <c>emit</c>.</summary>
    public const int ChunkBytes = 64 * 1024;

    public async Task WriteAsync(Caller caller, AccountFilter filter, ExportFormat format, Func<ReadOnlyMemory<byte>, Task> emit, CancellationToken cancellationToken)
    {
        var accounts = db.Accounts.AsNoTracking().ListableBy(caller, filter)
            .OrderBy(a => a.Type == "APP" ? 2 : a.Type == "ORG" ? 1 : 0)
            .ThenBy(a => a.Email)
            .AsAsyncEnumerable();
        // The export's trace is written before the first byte leaves: a file that reached someone is always recorded.
        var structure = filter.StructureIds is { Count: 1 } one ? one.First() : (Guid?)null;
        Audit.AuditTrail.Add(db, new Audit.AuditDraft(Audit.AuditActor.Of(caller), "ExportAccounts", structure?.ToString() ?? "*", structure,
            After: new { format = format.ToString().ToUpperInvariant(), query = filter.Query, state = filter.State, type = filter.Type,
                expiresBefore = filter.ExpiresBefore?.ToString("yyyy-MM-dd") }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (format == ExportFormat.Xlsx)
            await XlsxExport.WriteAsync(accounts, emit, cancellationToken);
        else
            await CsvExport.WriteAsync(accounts, emit, cancellationToken);
    }
}
