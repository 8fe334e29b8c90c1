using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Enrolment;
using Medimail.IdentityRegistry.Structures;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Imports;

internal sealed record StartImportCommand(string StructureId, string FileName, byte[] Content, bool DryRun, bool SendInvitations, string CheckedImportId = "");

/// <summary>A job and the issues GetImport lists (at most <see cref="ImportLimits.MaxListedIssues"/> of each kind).</summary>
internal sealed record ImportView(ImportJobRecord Job, IReadOnlyList<ImportIssueRecord> Errors, IReadOnlyList<ImportIssueRecord> Warnings);

/// <summary>
/// StartImport checks what can be checked at once (rights, size, format, headers, row count) and records the job with
/// its file; the <see cref="ImportWorker"/> does the rows. GetImport reads the job's committed progress.
/// </summary>
internal sealed class ImportJobs(IdentityDbContext db, ImportSignal signal, TimeProvider clock)
{
    public async Task<ImportView> StartAsync(Caller caller, StartImportCommand command, CancellationToken cancellationToken)
    {
        if (caller.IsConnector && !caller.IsOperator)
            throw new PermissionDeniedException("Un connecteur ne peut pas importer de fichier loadusers.");
        if (string.IsNullOrWhiteSpace(command.StructureId))
            throw new ValidationFailedException("structureId", "La structure de l'import est obligatoire.");
        var structureId = StructureRegistry.ParseId(command.StructureId, "structureId");
        if (!caller.Manages(structureId.ToString()))
            throw new PermissionDeniedException("Vous n'administrez pas cette structure.");
        if (!await db.Structures.AnyAsync(s => s.Id == structureId, cancellationToken))
            throw new ValidationFailedException("structureId", ImportMessages.UnknownStructure(command.StructureId));

        var now = clock.GetUtcNow();
        await ForgetCheckedFilesAsync(now, cancellationToken);
        if (command.CheckedImportId.Length > 0)
            command = await FromCheckedImportAsync(command, structureId, now, cancellationToken);
        var file = LoadusersFile.Open(command.Content);
        var total = CountRows(file);
        var job = new ImportJobRecord
        {
            Id = Guid.CreateVersion7(),
            StructureId = structureId,
            State = total == 0 ? ImportStates.Succeeded : ImportStates.Running,
            DryRun = command.DryRun,
            SendInvitations = command.SendInvitations,
            FileName = Truncate(command.FileName, 255),
            RequestedBy = Truncate(caller.DisplayName, 254),
            Content = total == 0 ? [] : command.Content,
            TotalRows = total,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Set<ImportJobRecord>().Add(job);
        var warnings = file.HeaderWarnings.Select(w => new ImportIssueRecord
        {
            JobId = job.Id, Line = w.Line, Column = Truncate(w.Column, 100), Message = w.Message, IsError = false,
        }).ToList();
        db.Set<ImportIssueRecord>().AddRange(warnings);
        Audit.AuditTrail.Add(db, new Audit.AuditDraft(Audit.AuditActor.Of(caller), "StartImport", job.Id.ToString(), structureId,
            After: new { fileName = job.FileName, totalRows = total, dryRun = job.DryRun, sendInvitations = job.SendInvitations }), now);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return new ImportView(job, [], warnings);
    }

    /// <summary>How long a succeeded dry run keeps its file for « Importer ce fichier ».</summary>
    public static readonly TimeSpan CheckedFileLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The file of a succeeded dry run of the same structure, younger than <see cref="CheckedFileLifetime"/>.</summary>
    private async Task<StartImportCommand> FromCheckedImportAsync(StartImportCommand command, Guid structureId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (command.Content.Length > 0)
            throw new ValidationFailedException("checkedImportId", "Donnez soit le fichier (content), soit l'import vérifié (checkedImportId), pas les deux.");
        if (!Guid.TryParse(command.CheckedImportId, out var checkedId))
            throw new ValidationFailedException("checkedImportId", $"« {command.CheckedImportId} » n'est pas un identifiant d'import.");
        var cutoff = now - CheckedFileLifetime;
        var found = await db.Set<ImportJobRecord>().AsNoTracking()
            .Where(j => j.Id == checkedId && j.StructureId == structureId && j.DryRun && j.State == ImportStates.Succeeded && j.CreatedAt > cutoff)
            .Select(j => new { j.FileName, j.Content })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || found.Content.Length == 0)
            throw new ValidationFailedException("checkedImportId",
                "Ce fichier vérifié n'est plus disponible (il est gardé 30 minutes, pour la même structure) : choisissez de nouveau le fichier.");
        return command with { FileName = found.FileName, Content = found.Content };
    }

    /// <summary>Dry runs older than <see cref="CheckedFileLifetime"/> drop their file: the database keeps no forgotten upload.</summary>
    private Task ForgetCheckedFilesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - CheckedFileLifetime;
        // bytea compared with the empty value: EF turns `Content.Length > 0` into an Any() it cannot translate.
        var forgotten = Array.Empty<byte>();
        return db.Set<ImportJobRecord>()
            .Where(j => j.DryRun && j.State != ImportStates.Running && j.CreatedAt < cutoff && j.Content != forgotten)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Content, Array.Empty<byte>()), cancellationToken);
    }

    public async Task<ImportView> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var jobId))
            throw new ValidationFailedException("id", $"« {id} » n'est pas un identifiant d'import.");
        var job = await db.Set<ImportJobRecord>().AsNoTracking()
            .Where(j => j.Id == jobId)
            // The stored file stays in the database: GetImport is polled.
            .Select(j => new ImportJobRecord
            {
                Id = j.Id, StructureId = j.StructureId, State = j.State, DryRun = j.DryRun, SendInvitations = j.SendInvitations,
                FileName = j.FileName, RequestedBy = j.RequestedBy, TotalRows = j.TotalRows, ProcessedRows = j.ProcessedRows,
                CreatedCount = j.CreatedCount, RejectedCount = j.RejectedCount,
                OmittedErrors = j.OmittedErrors, OmittedWarnings = j.OmittedWarnings, FailureReason = j.FailureReason,
                CreatedAt = j.CreatedAt, UpdatedAt = j.UpdatedAt,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null || !caller.Manages(job.StructureId.ToString()))
            throw new NotFoundException(ImportMessages.UnknownImport(id));
        var errors = await IssuesAsync(jobId, isError: true, cancellationToken);
        var warnings = await IssuesAsync(jobId, isError: false, cancellationToken);
        return new ImportView(job, errors, warnings);
    }

    private Task<List<ImportIssueRecord>> IssuesAsync(Guid jobId, bool isError, CancellationToken cancellationToken) =>
        db.Set<ImportIssueRecord>().AsNoTracking()
            .Where(i => i.JobId == jobId && i.IsError == isError)
            .OrderBy(i => i.Line).ThenBy(i => i.Id)
            .Take(ImportLimits.MaxListedIssues)
            .ToListAsync(cancellationToken);

    private static int CountRows(LoadusersFile file)
    {
        var count = 0;
        try
        {
            foreach (var _ in file.DataRows())
            {
                if (++count > ImportLimits.MaxRows)
                    throw new ValidationFailedException("content",
                        ImportMessages.TooManyRows);
            }
        }
        catch (InflatedTooMuchException)
        {
            throw LoadusersFile.TooInflated();
        }
        catch (Exception ex) when (ex is not ValidationFailedException and not OperationCanceledException)
        {
            throw new ValidationFailedException("content", ImportMessages.Unreadable);
        }
        return count;
    }

    private static string Truncate(string? value, int max) => value is null ? "" : value.Length <= max ? value : value[..max];
}
