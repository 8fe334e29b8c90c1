using Npgsql;

namespace Medimail.Testing;

/// <summary>
/// A service's <c>processed_messages</c>: the row its idempotent consumer commits with the effect of a message, the
/// positive signal that the message was consumed even when it changed nothing visible (an older version ignored).
/// </summary>
public static class ProcessedMessages
{
    public static async Task<long> CountAsync(string database, Guid messageId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM processed_messages WHERE message_id = @id", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until a consumer of <paramref name="database"/>'s service recorded the message.</summary>
    public static Task WaitAsync(string database, Guid messageId, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => CountAsync(database, messageId), count => count > 0, timeout ?? TimeSpan.FromSeconds(30),
            $"message {messageId} consumed by {database}");
}
