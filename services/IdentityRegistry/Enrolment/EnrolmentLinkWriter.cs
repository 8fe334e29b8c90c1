using Medimail.IdentityRegistry.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>
/// Replaces the links of many accounts in two statements on the caller's connection and transaction: one DELETE of
/// every older link of those addresses, one binary COPY of the new ones. A relaunch of 10,000 is two round trips,
/// not 20,000 tracked entities; a rollback leaves the old links working.
/// </summary>
internal static class EnrolmentLinkWriter
{
    public static async Task ReplaceAsync(IdentityDbContext db, IReadOnlyList<EnrolmentLinkRecord> links, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Links are replaced in bulk only inside the caller's transaction.");
        var emails = links.Select(l => l.Email).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM enrolment_links WHERE email = ANY({emails})", cancellationToken);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY enrolment_links (id, token_hash, email, created_at, expires_at, requested_by, relaunch_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var link in links)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(link.Id, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(link.TokenHash, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(link.Email, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(link.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(link.ExpiresAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(link.RequestedBy, NpgsqlDbType.Varchar, cancellationToken);
            if (link.RelaunchId is null)
                await copy.WriteNullAsync(cancellationToken);
            else
                await copy.WriteAsync(link.RelaunchId, NpgsqlDbType.Varchar, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }
}
