using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>Reads what the sign-in left in the identity database, the way an operator's psql would.</summary>
internal static class IdentityDatabase
{
    /// <summary>The first column of the first row of <paramref name="sql"/> (one parameter, <c>@value</c>), null when no row.</summary>
    public static async Task<object?> ValueAsync(string sql, string value)
    {
        await using var db = new NpgsqlConnection(TestEnvironment.DatabaseConnection("identity"));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("value", value);
        return await command.ExecuteScalarAsync();
    }
}
