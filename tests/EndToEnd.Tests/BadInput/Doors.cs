using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using Medimail.Testing;
using Npgsql;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// What every bad-input test checks after its refusal: rows counted in a service's database before and after, every
/// process still ready, and the growth of a process's memory (from /proc) held to a bound stated per input byte.
/// </summary>
internal static class Doors
{
    private static readonly string[] Services = ["identity", "mailbox", "directory", "notification"];

    /// <summary>One number from one service's database (identity, mailbox, directory, notification).</summary>
    public static async Task<long> CountAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Rows a refusal must leave alone: Identity-Registry's structures, accounts, import jobs and their issues, the
    /// Mailbox's messages. (Outbox and audit rows move on their own: relays delete sent rows, token refusals are audited.)
    /// </summary>
    public static async Task<(long Structures, long Accounts, long Jobs, long Issues, long Messages)> WrittenRowsAsync() => (
        await CountAsync("identity", "SELECT count(*) FROM structures"),
        await CountAsync("identity", "SELECT count(*) FROM accounts"),
        await CountAsync("identity", "SELECT count(*) FROM import_jobs"),
        await CountAsync("identity", "SELECT count(*) FROM import_issues"),
        await CountAsync("mailbox", "SELECT count(*) FROM messages"));

    /// <summary>Every service's /health and the gateway's /health/ready (which asks every backend) answer 200.</summary>
    public static async Task AssertAllReadyAsync()
    {
        foreach (var service in Services)
            Assert.True(await PlatformProcess.ReadyStatusAsync(service) == 200, $"{service} is not ready any more");
        using var http = Channels.Rest(null);
        using var ready = await http.GetAsync("/health/ready");
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"the gateway's /health/ready answers {(int)ready.StatusCode}");
    }

    /// <summary>The field paths of a transcoded REST error (google.rpc.Status as JSON, BadRequest in its details).</summary>
    public static IReadOnlyList<string> FieldsOf(JsonNode error) =>
        error["details"]?.AsArray()
            .Where(d => d?["@type"]?.GetValue<string>().EndsWith("google.rpc.BadRequest", StringComparison.Ordinal) == true)
            .SelectMany(d => d!["fieldViolations"]!.AsArray().Select(v => v!["field"]!.GetValue<string>()))
            .ToList() ?? [];

    public static void AssertRefused(RpcException refused, StatusCode status, string field)
    {
        Assert.Equal(status, refused.StatusCode);
        Assert.Equal([field], RpcErrors.FieldsOf(refused));
    }
}

/// <summary>
/// Resident memory of one platform process (VmRSS and its peak VmHWM, /proc/&lt;pid&gt;/status) around a hostile input.
/// The bound is stated per byte of input plus a fixed allowance (buffers, JIT, pools): a cost that grows with what the
/// file inflates to, rather than with what was sent, breaks it.
/// </summary>
internal sealed class MemoryWatch
{
    private const long FixedAllowance = 48L * 1024 * 1024;
    private readonly string process;
    private readonly (long Rss, long Peak) before;

    private MemoryWatch(string process)
    {
        this.process = process;
        before = PlatformProcess.MemoryOf(process);
    }

    public static MemoryWatch Of(string process) => new(process);

    /// <summary>Neither the resident memory nor its peak grew by more than <paramref name="perInputByte"/> × the input, plus the allowance.</summary>
    public void AssertBounded(long inputBytes, double perInputByte, string what)
    {
        var after = PlatformProcess.MemoryOf(process);
        var bound = FixedAllowance + (long)(perInputByte * inputBytes);
        var (rss, peak) = (after.Rss - before.Rss, after.Peak - before.Peak);
        Assert.True(rss <= bound && peak <= bound,
            $"{process} grew by {rss / 1048576} MB resident, {peak / 1048576} MB at its peak, for {what} of {inputBytes / 1024} KB (bound {bound / 1048576} MB)");
    }
}
