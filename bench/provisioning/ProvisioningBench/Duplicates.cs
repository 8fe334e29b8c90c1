using Npgsql;

namespace Medimail.ProvisioningBench;

/// <summary>
/// After the runs, in Identity-Registry's database: every acknowledged requestId names one box, and each box has one
/// idempotency key, one AccountCreated event in the outbox and one CreateAccount audit entry. A replay that created
/// again would show as a second box for one requestId, or a second event or audit entry for one box.
/// </summary>
internal static class Duplicates
{
    public static async Task<long> CountAsync(string connectionString, string runId, IReadOnlyDictionary<string, string> acknowledged)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var like = $"bench-{runId}-%";
        var boxes = await ScalarAsync(db, "SELECT count(*) FROM accounts WHERE email LIKE @like", like);
        var checks = new (string Name, string Sql)[]
        {
            ("boxes per requestId > 1", "SELECT count(*) FROM (SELECT k.request_id FROM idempotency_keys k JOIN accounts a ON a.email = k.resource_id WHERE a.email LIKE @like GROUP BY 1 HAVING count(*) > 1) d"),
            ("boxes without their requestId", "SELECT count(*) FROM accounts a WHERE a.email LIKE @like AND NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.resource_id = a.email AND k.operation = 'CreateAccount')"),
            ("requestIds per box > 1", "SELECT count(*) FROM (SELECT resource_id FROM idempotency_keys WHERE resource_id LIKE @like GROUP BY 1 HAVING count(*) > 1) d"),
            ("AccountCreated events per box > 1", "SELECT count(*) FROM (SELECT payload::jsonb #>> '{account,email}' e FROM outbox_messages WHERE message_type LIKE '%AccountCreated%' AND payload::text LIKE '%bench-' || @run || '-%' GROUP BY 1 HAVING count(*) > 1) d"),
            ("CreateAccount audit entries per box > 1", "SELECT count(*) FROM (SELECT target FROM audit_entries WHERE action = 'CreateAccount' AND target LIKE @like GROUP BY 1 HAVING count(*) > 1) d"),
        };
        long duplicates = 0;
        Console.WriteLine($"boxes created by this run: {boxes}; requestIds acknowledged: {acknowledged.Count}; distinct boxes acknowledged: {acknowledged.Values.Distinct().Count()}");
        foreach (var (name, sql) in checks)
        {
            var count = await ScalarAsync(db, sql, like, runId);
            duplicates += count;
            Console.WriteLine($"  {name}: {count}");
        }
        var events = await ScalarAsync(db, "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%AccountCreated%' AND payload::text LIKE '%bench-' || @run || '-%'", like, runId);
        Console.WriteLine($"  AccountCreated events of this run's boxes: {events} (the relay may have purged some: fewer is not a loss)");
        return duplicates;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, string like, string run = "")
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("like", like);
        command.Parameters.AddWithValue("run", run);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
