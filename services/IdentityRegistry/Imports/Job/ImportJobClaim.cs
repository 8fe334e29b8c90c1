using Medimail.IdentityRegistry.Data;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// The right to run one import job, held for the whole run by a session-level advisory lock on a connection of its
/// own: replicas do not run the same job side by side, and a crashed process lets go with its connection.
/// Taking a job up also counts the take-ups that found no progress since the previous one: a file that brings the
/// process down on every try (it crashes before any batch commits) would otherwise be resumed for ever.
/// </summary>
internal sealed class ImportJobClaim : IAsyncDisposable
{
    /// <summary>The first key of the lock's pair: import jobs (the second is the job's hash).</summary>
    private const int ImportLocks = 0x494D5054;
    public const int MaxStalledRuns = 3;

    private readonly AsyncServiceScope scope;
    private readonly IdentityDbContext db;
    private readonly int jobKey;

    private ImportJobClaim(AsyncServiceScope scope, Guid jobId)
    {
        this.scope = scope;
        db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        // Stable across processes (string and object hash codes are not): the job id's four words folded.
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(jobId.ToByteArray());
        jobKey = words[0] ^ words[1] ^ words[2] ^ words[3];
    }

    /// <summary>How many take-ups in a row, this one included, found the job where the previous one left it.</summary>
    public int StalledRuns { get; private set; }

    /// <returns>The claim, or null when another process runs the job or it is no longer running.</returns>
    public static async Task<ImportJobClaim?> TryTakeAsync(IServiceScopeFactory scopes, Guid jobId, CancellationToken cancellationToken)
    {
        var claim = new ImportJobClaim(scopes.CreateAsyncScope(), jobId);
        try
        {
            await claim.db.Database.OpenConnectionAsync(cancellationToken);
            var locked = await claim.db.Database
                .SqlQuery<bool>($"SELECT pg_try_advisory_lock({ImportLocks}, {claim.jobKey}) AS \"Value\"")
                .SingleAsync(cancellationToken);
            if (!locked)
            {
                await claim.scope.DisposeAsync();
                return null;
            }
            var stalled = await claim.db.Database.SqlQuery<int>($"""
                UPDATE import_jobs
                SET stalled_runs = CASE WHEN processed_rows = resumed_at_row THEN stalled_runs + 1 ELSE 0 END,
                    resumed_at_row = processed_rows
                WHERE id = {jobId} AND state = 'RUNNING'
                RETURNING stalled_runs AS "Value"
                """).ToListAsync(cancellationToken);
            if (stalled.Count == 0)
            {
                await claim.DisposeAsync();
                return null;
            }
            claim.StalledRuns = stalled[0];
            return claim;
        }
        catch
        {
            await claim.scope.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_unlock({ImportLocks}, {jobKey})");
        }
        finally
        {
            // Closing the connection would release the lock anyway; unlocking first keeps the pooled session clean.
            await scope.DisposeAsync();
        }
    }
}
