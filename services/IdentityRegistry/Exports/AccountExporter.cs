using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
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
        filter = filter with { StructureIds = VisibleStructures(caller, filter.StructureIds) };
        var query = db.Accounts.AsNoTracking().Apply(filter);
        if (caller.IsConnector && !caller.IsOperator)
            query = query.Where(a => a.Type == "APP");
        var accounts = query
            .OrderBy(a => a.Type == "APP" ? 2 : a.Type == "ORG" ? 1 : 0)
            .ThenBy(a => a.Email)
            .AsAsyncEnumerable();
        if (format == ExportFormat.Xlsx)
            await XlsxExport.WriteAsync(accounts, emit, cancellationToken);
        else
            await CsvExport.WriteAsync(accounts, emit, cancellationToken);
    }

    // As the search: an administrator sees his structures, the operator all of them.
    private static IReadOnlyCollection<Guid>? VisibleStructures(Caller caller, IReadOnlyCollection<Guid>? requested)
    {
        if (caller.IsOperator)
            return requested;
        var mine = caller.StructureIds.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).ToHashSet();
        if (requested is null)
            return mine;
        if (requested.Any(r => !mine.Contains(r)))
            throw new PermissionDeniedException("Vous n'administrez pas cette structure.");
        return requested;
    }
}
