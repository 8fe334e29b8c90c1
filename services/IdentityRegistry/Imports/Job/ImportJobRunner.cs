using System.Threading.Channels;
using Medimail.Contracts;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.Enrolment;
using Medimail.Messaging.Outbox;
using Medimail.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// Runs one import job from where it stands. Each batch — its accounts, its AccountsImported events, its
/// invitations, its issues and the job's progress — commits in ONE transaction, guarded by the progress the batch
/// started from: a crash loses at most an uncommitted batch (redone on resume), and a batch can never be committed
/// twice, even by two instances racing on the same job. Reading and checking the next batch overlaps with writing
/// the current one (a bounded pipeline of two batches), so the database and the rules work at the same time.
/// The batches' AccountsImported events are committed with them but held back (<see cref="OutboxHolds"/>) and released
/// together when the job ends: the Directory and the Mailbox then project the accounts after the import instead of
/// competing with it, batch by batch, for the CPU and the database (bench/import/README.md: a 100,000-row import
/// takes 3.1-3.3 s instead of 5.8 s on two cores, and its accounts are all in the directory 8.2-8.6 s after upload
/// instead of 8.1 s).
/// </summary>
internal sealed class ImportJobRunner(IServiceScopeFactory scopes, ImportRowChecker checker, TimeProvider clock, ILogger<ImportJobRunner> logger)
{
    private const int MaxAttempts = 3;

    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var claim = await ImportJobClaim.TryTakeAsync(scopes, jobId, cancellationToken);
        if (claim is null)
            return;
        if (claim.StalledRuns >= ImportJobClaim.MaxStalledRuns)
        {
            logger.LogError("Import {ImportId} was taken up {Count} times in a row without progress; it is stopped", jobId, claim.StalledRuns);
            await FinishAsync(jobId, ImportStates.Failed,
                ImportMessages.Stalled(claim.StalledRuns),
                cancellationToken);
            return;
        }
        // A batch meeting an address the API created meanwhile is not half-written: the attempt stops and the job
        // resumes from its committed progress, checking the rows again against the database.
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (!await RunOnceAsync(jobId, lastAttempt: attempt == MaxAttempts, cancellationToken))
                return;
        }
    }

    /// <returns>True when the job should be resumed again.</returns>
    private async Task<bool> RunOnceAsync(Guid jobId, bool lastAttempt, CancellationToken cancellationToken)
    {
        ImportJobRecord job;
        StructureRecord structure;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var found = await db.Set<ImportJobRecord>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
            if (found is not { State: ImportStates.Running })
                return false;
            job = found;
            structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == job.StructureId, cancellationToken);
            if (job is { DryRun: true, ProcessedRows: > 0 })
                job = await RestartDryRunAsync(db, job, cancellationToken);
        }

        var progress = new Progress(job.ProcessedRows, job.CreatedCount, job.RejectedCount,
            await StoredIssuesAsync(job.Id, cancellationToken), job.OmittedErrors, job.OmittedWarnings);
        var timings = new ImportTimings(clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => PrepareAsync(job, structure, batches.Writer, timings, stop.Token), CancellationToken.None);
        try
        {
            var started = clock.GetTimestamp();
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                progress = await WriteAsync(job, structure, batch, progress, timings, cancellationToken);
            await producer;
            await FinishAsync(job.Id, ImportStates.Succeeded, null, cancellationToken);
            // Which side of the pipeline bounds the import, and where inside it: the figures the benchmark is read with.
            logger.LogInformation("Import {ImportId} finished in {Elapsed:F1} s: {Created} created, {Rejected} rejected; {Timings}",
                job.Id, clock.GetElapsedTime(started).TotalSeconds, progress.Created, progress.Rejected, timings);
            return false;
        }
        catch (JobTakenOverException)
        {
            logger.LogWarning("Import {ImportId} progressed elsewhere; this worker lets it go", job.Id);
            return false;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && !lastAttempt)
        {
            logger.LogInformation("Import {ImportId}: an address of the batch was just taken; resuming from row {Row}", job.Id, progress.Processed);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !IsTransient(ex))
        {
            logger.LogError(ex, "Import {ImportId} failed", job.Id);
            await FinishAsync(job.Id, ImportStates.Failed,
                ImportMessages.StoppedAfter(progress.Processed),
                CancellationToken.None);
            return false;
        }
        finally
        {
            await stop.CancelAsync();
            await producer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// The database went away (restarted, failed over, connection cut): not the import's fault. The job stays RUNNING
    /// and the import worker takes it up again from its committed progress once the database answers (issue 19: a
    /// PostgreSQL restart in the middle of an import marked it FAILED whenever the database was back in time to record it).
    /// </summary>
    private static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or PostgresException { SqlState: "57P01" or "57P02" or "57P03" })
                return true;
        return false;
    }

    /// <summary>Reads, normalises and checks the rows not yet committed, batch after batch, ahead of the writer.</summary>
    private async Task PrepareAsync(
        ImportJobRecord job, StructureRecord structure, ChannelWriter<PreparedBatch> output, ImportTimings timings, CancellationToken cancellationToken)
    {
        try
        {
            var file = LoadusersFile.Open(job.Content);
            var reader = new RowDrafts(file.Columns, structure);
            var state = new ImportFileState();
            var emailColumn = file.Columns.ToList().FindIndex(c => c?.Header == LoadusersColumns.Email);
            var rows = new List<SheetRow>(ImportLimits.RowsPerTransaction);
            var index = 0;
            foreach (var row in file.DataRows())
            {
                if (index++ < job.ProcessedRows)
                {
                    // Committed before a restart: only its address matters now (a later duplicate is still refused).
                    if (emailColumn < row.Cells.Count && row.Cells[emailColumn]?.Trim().ToLowerInvariant() is { Length: > 0 } seen)
                        state.FirstLine.TryAdd(seen, row.Line);
                    continue;
                }
                rows.Add(row);
                if (rows.Count < ImportLimits.RowsPerTransaction)
                    continue;
                await output.WriteAsync(await PrepareBatchAsync(job, structure, reader, rows, state, timings, cancellationToken), cancellationToken);
                rows = new List<SheetRow>(ImportLimits.RowsPerTransaction);
            }
            if (rows.Count > 0)
                await output.WriteAsync(await PrepareBatchAsync(job, structure, reader, rows, state, timings, cancellationToken), cancellationToken);
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

    private async Task<PreparedBatch> PrepareBatchAsync(ImportJobRecord job, StructureRecord structure, RowDrafts reader,
        List<SheetRow> rows, ImportFileState state, ImportTimings timings, CancellationToken cancellationToken)
    {
        // Normalising is pure: all cores share it. Checking stays in file order (a row may name an earlier one).
        var started = clock.GetTimestamp();
        var drafts = rows.AsParallel().AsOrdered().Select(r =>
        {
            var (draft, errors) = reader.Read(r);
            return (r.Line, Draft: checker.Normalize(draft), Errors: errors);
        }).ToList();
        timings.Add(ref timings.Reading, started);

        started = clock.GetTimestamp();
        IAccountDirectory existing;
        Dictionary<string, AccountRecord> stored;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Thousands of addresses against the table this import is filling: one primary-key probe each. The
            // transaction only scopes that setting; it reads, and is rolled back when disposed.
            var database = scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database;
            await using var transaction = await database.BeginTransactionAsync(cancellationToken);
            await database.PreferIndexScansAsync(cancellationToken);
            existing = await scope.ServiceProvider.GetRequiredService<AccountLookup>().LoadAsync(ImportRowChecker.AddressesOf(drafts.Select(d => d.Draft)), structure.Id, cancellationToken);
            // The accounts the rows themselves name, whole, for the differences of a re-import (none on a first import).
            var rowAddresses = drafts.Select(d => d.Draft.Email).OfType<string>().Where(e => existing.FindType(e) is not null).ToList();
            stored = rowAddresses.Count == 0 ? [] : await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Accounts.AsNoTracking()
                .Where(a => rowAddresses.Contains(a.Email)).ToDictionaryAsync(a => a.Email, cancellationToken);
        }
        timings.Add(ref timings.LookingUp, started);

        started = clock.GetTimestamp();
        var checkedRows = drafts.Select(d => checker.Check(d.Line, d.Draft, d.Errors, existing, state)).ToList();
        foreach (var row in checkedRows)
            if (row.Draft.Email is { } email && stored.TryGetValue(email, out var account))
                row.Warnings.AddRange(checker.Differences(row.Line, row.Draft, account, reader.Fields));
        var now = clock.GetUtcNow();
        var created = job.DryRun ? [] : checkedRows.Where(r => r.IsValid).Select(r => ImportRowChecker.ToRecord(r, structure, now)).ToList();
        // The events are built and serialised here, ahead of the writer, which then only talks to the database. They
        // are held back until the job ends (see the class comment).
        var events = created.Chunk(ImportLimits.AccountsPerEvent)
            .Select(chunk => OutboxWriter.Compose(new AccountsImported(job.Id.ToString(), chunk.Select(a => a.ToSnapshot(structure)).ToList(), job.RequestedBy), now)
                .HeldBy(job.Id.ToString(), now + ImportLimits.MaxEventHold))
            .ToList();
        var issues = checkedRows.SelectMany(r => r.Errors.Select(e => (e, true)).Concat(r.Warnings.Select(w => (w, false)))).ToList();
        timings.Add(ref timings.Checking, started);
        return new PreparedBatch(rows.Count, created, events, checkedRows.Count(r => !r.IsValid), issues);
    }

    private async Task<Progress> WriteAsync(ImportJobRecord job, StructureRecord structure, PreparedBatch batch, Progress progress, ImportTimings timings, CancellationToken cancellationToken)
    {
        var (issues, stored, omittedErrors, omittedWarnings) = Capped(batch.Issues, progress);
        var next = new Progress(progress.Processed + batch.Rows, progress.Created + batch.Created.Count, progress.Rejected + batch.Rejected,
            stored, omittedErrors, omittedWarnings);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var started = clock.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (batch.Created.Count > 0)
        {
            await AccountCopy.WriteAccountsAsync(connection, batch.Created, cancellationToken);
            timings.Add(ref timings.Copying, started);
            started = clock.GetTimestamp();
            db.Set<OutboxMessage>().AddRange(batch.Events);
            if (job.SendInvitations)
                await scope.ServiceProvider.GetRequiredService<IEnrolmentLinkIssuer>().StageInvitationsAsync(batch.Created, structure, job.RequestedBy, null, cancellationToken);
        }
        await AccountCopy.WriteIssuesAsync(connection, job.Id, issues, cancellationToken);
        var moved = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            UPDATE import_jobs SET processed_rows = {next.Processed}, created_count = {next.Created}, rejected_count = {next.Rejected},
                omitted_errors = {next.OmittedErrors}, omitted_warnings = {next.OmittedWarnings}, updated_at = {now}
            WHERE id = {job.Id} AND processed_rows = {progress.Processed} AND state = 'RUNNING'
            """, cancellationToken);
        if (moved != 1)
            throw new JobTakenOverException();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        timings.Add(ref timings.Committing, started);
        ImportMetrics.BatchCommitted(batch.Created.Count, batch.Rejected);
        return next;
    }

    /// <summary>The batch's issues the job may still keep (<see cref="ImportLimits.MaxListedIssues"/> of each kind); the rest are counted.</summary>
    private static (List<(RowIssue Issue, bool IsError)> Kept, (int Errors, int Warnings) Stored, int OmittedErrors, int OmittedWarnings) Capped(
        List<(RowIssue Issue, bool IsError)> issues, Progress progress)
    {
        var (errors, warnings) = progress.Stored;
        int omittedErrors = progress.OmittedErrors, omittedWarnings = progress.OmittedWarnings;
        var kept = new List<(RowIssue, bool)>();
        foreach (var issue in issues)
        {
            if (issue.IsError && errors < ImportLimits.MaxListedIssues) { errors++; kept.Add(issue); }
            else if (!issue.IsError && warnings < ImportLimits.MaxListedIssues) { warnings++; kept.Add(issue); }
            else if (issue.IsError) omittedErrors++;
            else omittedWarnings++;
        }
        return (kept, (errors, warnings), omittedErrors, omittedWarnings);
    }

    private async Task<(int Errors, int Warnings)> StoredIssuesAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Set<ImportIssueRecord>()
            .Where(i => i.JobId == jobId).GroupBy(i => i.IsError).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return (counts.FirstOrDefault(c => c.Key)?.Count ?? 0, counts.FirstOrDefault(c => !c.Key)?.Count ?? 0);
    }

    /// <summary>A dry run writes no account: after a restart it simply starts again from the first row.</summary>
    private static async Task<ImportJobRecord> RestartDryRunAsync(IdentityDbContext db, ImportJobRecord job, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<ImportIssueRecord>().Where(i => i.JobId == job.Id && i.Line > 1).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ImportJobRecord>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.ProcessedRows, 0).SetProperty(j => j.CreatedCount, 0).SetProperty(j => j.RejectedCount, 0)
            .SetProperty(j => j.OmittedErrors, 0).SetProperty(j => j.OmittedWarnings, 0), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        job.ProcessedRows = job.CreatedCount = job.RejectedCount = job.OmittedErrors = job.OmittedWarnings = 0;
        return job;
    }

    /// <summary>Ends the job and, in the same transaction, releases the events its batches held back.</summary>
    private async Task FinishAsync(Guid jobId, string finalState, string? reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var now = clock.GetUtcNow();
        int ended;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The file is no longer needed once the job is over: do not keep 50 MB per import. A succeeded dry run keeps
            // it for « Importer ce fichier » (StartImport checkedImportId), until ImportJobs forgets it (30 minutes).
            var keep = finalState == ImportStates.Succeeded;
            ended = await db.Set<ImportJobRecord>().Where(j => j.Id == jobId && j.State == ImportStates.Running).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, finalState).SetProperty(j => j.FailureReason, reason)
                .SetProperty(j => j.Content, j => keep && j.DryRun ? j.Content : Array.Empty<byte>()).SetProperty(j => j.UpdatedAt, now), cancellationToken);
            if (ended == 1)
                await AuditEndAsync(db, jobId, now, cancellationToken);
            await db.ReleaseHeldAsync(jobId.ToString(), now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        scope.ServiceProvider.GetRequiredService<OutboxSignal>().Notify();
        if (ended == 1)
            ImportMetrics.JobEnded(finalState);
    }

    /// <summary>The import's outcome and figures, committed with the job's end.</summary>
    private static async Task AuditEndAsync(IdentityDbContext db, Guid jobId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var job = await db.Set<ImportJobRecord>().AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.StructureId, j.FileName, j.RequestedBy, j.State, j.DryRun, j.TotalRows, j.ProcessedRows, j.CreatedCount, j.RejectedCount, j.FailureReason })
            .FirstAsync(cancellationToken);
        Audit.AuditTrail.Add(db, new Audit.AuditDraft(new Audit.AuditActor(job.RequestedBy, "system"), "ImportFinished", jobId.ToString(), job.StructureId,
            After: new { fileName = job.FileName, state = job.State, dryRun = job.DryRun, totalRows = job.TotalRows, processedRows = job.ProcessedRows,
                createdCount = job.CreatedCount, rejectedCount = job.RejectedCount },
            Outcome: job.State == ImportStates.Succeeded ? Audit.AuditOutcomes.Succeeded : Audit.AuditOutcomes.Failed, Detail: job.FailureReason), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <param name="Stored">Issues of each kind the job holds in import_issues (capped).</param>
    private sealed record Progress(int Processed, int Created, int Rejected, (int Errors, int Warnings) Stored, int OmittedErrors, int OmittedWarnings);

    private sealed record PreparedBatch(
        int Rows, List<AccountRecord> Created, List<OutboxMessage> Events, int Rejected, List<(RowIssue Issue, bool IsError)> Issues);

    private sealed class JobTakenOverException : Exception;
}

internal static class ImportStates
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
}
